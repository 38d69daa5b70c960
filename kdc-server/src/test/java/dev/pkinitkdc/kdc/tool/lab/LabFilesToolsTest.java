package dev.pkinitkdc.kdc.tool.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab files as the real tools read them: openssl for PEM and PKCS#12, MIT klist for the keytab. */
class LabFilesToolsTest {
    @TempDir
    static Path dir;
    static LabEnvironment lab;

    @BeforeAll
    static void prepare() throws Exception {
        lab = LabEnvironment.prepare(new LabOptions(dir, "LAB.EXAMPLE", "127.0.0.1", 8888));
    }

    @Test
    void opensslReadsPkcs12WithEmptyPassword() throws Exception {
        for (Path p12 : new Path[] {lab.user("alice").pkcs12(), lab.user("bob").pkcs12(), lab.layout().kdc().pkcs12()}) {
            ExternalTool.Result result = ExternalTool.run("openssl", "pkcs12", "-in", p12.toString(), "-nodes",
                    "-passin", "pass:");
            assertEquals(0, result.exitCode(), result.output());
            assertTrue(result.output().contains("-----BEGIN PRIVATE KEY-----"), result.output());
            assertTrue(result.output().contains("Lab Issuing CA"), result.output());
        }
    }

    @Test
    void opensslVerifiesUserChainAndKey() throws Exception {
        ExternalTool.Result verify = ExternalTool.run("openssl", "verify",
                "-CAfile", lab.layout().rootCertificate().toString(),
                "-untrusted", lab.layout().issuingCertificate().toString(),
                lab.user("alice").certificate().toString(), lab.user("bob").certificate().toString());
        assertEquals(0, verify.exitCode(), verify.output());
        ExternalTool.Result key = ExternalTool.run("openssl", "pkey", "-in", lab.user("alice").privateKey().toString(),
                "-noout");
        assertEquals(0, key.exitCode(), key.output());
    }

    @Test
    void klistListsEveryAesKeyOfKrbtgt() throws Exception {
        ExternalTool.Result result = ExternalTool.run("klist", "-k", "-e", lab.layout().krbtgtKeytab().toString());
        assertEquals(0, result.exitCode(), result.output());
        for (String enctype : List.of("aes256-cts-hmac-sha1-96", "aes128-cts-hmac-sha1-96",
                "aes256-cts-hmac-sha384-192", "aes128-cts-hmac-sha256-128")) {
            assertTrue(result.output().contains("krbtgt/LAB.EXAMPLE@LAB.EXAMPLE (" + enctype + ")"), result.output());
        }
    }
}
