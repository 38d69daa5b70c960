package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.pki.PkiCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code pki} tool on a folder {@code pkinit-kdc lab} made: it issues from the lab's issuing CA with the lab's
 * OCSP and CRL URLs, so the running lab KDC accepts the certificate, and {@code crl revoke} feeds the lab's
 * revocation server through ca/revoked.txt, so its OCSP responder answers "revoked" (72 off the wire).
 */
class PkiToolOnLabTest {
    @TempDir
    static Path dir;
    static Path lab;
    static LabKdc kdc;

    @BeforeAll
    static void startLab() throws Exception {
        lab = dir.resolve("lab");
        kdc = LabKdc.start(lab);
    }

    @AfterAll
    static void stop() {
        if (kdc != null) {
            kdc.close();
        }
    }

    private static void pki(String... args) throws Exception {
        assertEquals(0, PkiCommand.run(args, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)));
    }

    private MitKinit.Result kinit(String name) throws Exception {
        Path users = lab.resolve("users");
        return MitKinit.run(kdc.lab.krb5Conf(), dir, name, "FILE:" + users.resolve(name + ".pem") + ","
                + users.resolve(name + ".key"), "alice");
    }

    @Test
    void aCertificateIssuedFromTheLabsCaLogsOnUntilCrlRevokeListsItForTheLabsOcspResponder() throws Exception {
        String sid = LabCertificates.aliceSid(kdc);
        pki("issue-user", "--dir", lab.toString(), "--upn", "alice@lab.example", "--sid", sid, "--name", "alice-pki");
        pki("issue-user", "--dir", lab.toString(), "--upn", "alice@lab.example", "--sid", sid, "--name", "alice-gone");
        MitKinit.Result issued = kinit("alice-pki");
        assertEquals(0, issued.exitCode(), issued::toString);
        assertEquals(List.of("alice"), IssuedTgt.read(MitKinit.ccache(dir, "alice-pki"), kdc.krbtgtKeys()).ticket()
                .getCname().getNameStrings());

        pki("crl", "revoke", lab.resolve("users/alice-gone.pem").toString(), "--dir", lab.toString());
        MitKinit.Result revoked = kinit("alice-gone");
        assertNotEquals(0, revoked.exitCode(), revoked::toString);
        assertTrue(revoked.kdcErrors().contains(72), revoked::toString);
    }

    @Test
    void initRefusesToReplaceTheLabsCa() {
        IOException e = assertThrows(IOException.class, () -> pki("init", "--dir", lab.toString()));
        assertTrue(e.getMessage().contains("already has a CA"), e.getMessage());
    }
}
