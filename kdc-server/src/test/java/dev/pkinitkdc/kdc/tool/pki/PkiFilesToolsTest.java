package dev.pkinitkdc.kdc.tool.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.lab.ExternalTool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pki tool's files as OpenSSL, an independent implementation, reads them. */
class PkiFilesToolsTest {
    @TempDir
    Path dir;

    private void pki(String... args) throws Exception {
        assertEquals(0, PkiCommand.run(args, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)));
    }

    @Test
    void opensslReadsThePkcs12sVerifiesTheChainsAndTheCrl() throws Exception {
        String d = dir.toString();
        Path password = dir.resolve("password");
        Files.writeString(password, "p4ss word\n");
        pki("init", "--dir", d, "--key-size", "3072");
        pki("issue-kdc", "--dir", d, "--fqdn", "dc01.lab.example", "--password-file", password.toString());
        pki("issue-user", "--dir", d, "--upn", "alice@lab.example");
        pki("export-ca", "--dir", d, "--out", dir.resolve("root.pem").toString());
        pki("export-ca", "--dir", d, "--issuing", "--out", dir.resolve("issuing.pem").toString());
        pki("crl", "revoke", dir.resolve("users/alice.pem").toString(), "--dir", d);

        ExternalTool.Result kdc = ExternalTool.run("openssl", "pkcs12", "-in",
                dir.resolve("kdc/dc01.lab.example.p12").toString(), "-nodes", "-passin", "pass:p4ss word");
        assertEquals(0, kdc.exitCode(), kdc.output());
        assertTrue(kdc.output().contains("PRIVATE KEY"), kdc.output());
        assertTrue(kdc.output().contains("CN = dc01.lab.example") || kdc.output().contains("CN=dc01.lab.example"),
                kdc.output());
        ExternalTool.Result wrong = ExternalTool.run("openssl", "pkcs12", "-in",
                dir.resolve("kdc/dc01.lab.example.p12").toString(), "-nodes", "-passin", "pass:wrong");
        assertNotEquals(0, wrong.exitCode(), wrong.output());
        ExternalTool.Result user = ExternalTool.run("openssl", "pkcs12", "-in",
                dir.resolve("users/alice.p12").toString(), "-nodes", "-passin", "pass:");
        assertEquals(0, user.exitCode(), user.output());

        ExternalTool.Result verify = ExternalTool.run("openssl", "verify", "-CAfile", dir.resolve("root.pem").toString(),
                "-untrusted", dir.resolve("issuing.pem").toString(), dir.resolve("kdc/dc01.lab.example.pem").toString(),
                dir.resolve("users/alice.pem").toString());
        assertEquals(0, verify.exitCode(), verify.output());

        ExternalTool.Result crl = ExternalTool.run("openssl", "crl", "-inform", "DER", "-in",
                dir.resolve("crl/issuing.crl").toString(), "-CAfile", dir.resolve("issuing.pem").toString(),
                "-noout", "-text");
        assertEquals(0, crl.exitCode(), crl.output());
        assertTrue(crl.output().contains("verify OK"), crl.output());
        ExternalTool.Result checked = ExternalTool.run("openssl", "verify", "-crl_check", "-CAfile",
                dir.resolve("root.pem").toString(), "-untrusted", dir.resolve("issuing.pem").toString(), "-CRLfile",
                dir.resolve("crl/issuing.crl").toString(), dir.resolve("users/alice.pem").toString());
        assertNotEquals(0, checked.exitCode(), checked.output());
        assertTrue(checked.output().contains("certificate revoked"), checked.output());
    }
}
