package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pkinitkdc.kdc.tool.lab.LabUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MIT kinit with a smart card: alice's key and certificate on a SoftHSM2 token, reached through PKCS#11 with her
 * PIN typed at kinit's prompt (stdin). DH with group 14 (MIT's default), DH with group 16 (the client demands
 * 4096 bits) and RSA key transport each get a TGT; the key never leaves the token.
 */
class MitKinitPkcs11Test {
    private static final String PIN = "1234";
    private static final int PREAUTH_REQUIRED = 25;

    @TempDir
    static Path dir;
    static LabKdc kdc;
    static SoftHsmToken alice;

    @BeforeAll
    static void startLabAndLoadTheCard() throws Exception {
        SoftHsmToken.module();   // fail at once, and clearly, when SoftHSM2 is not installed
        kdc = LabKdc.start(dir.resolve("lab"));
        LabUser u = kdc.lab.user("alice");
        alice = SoftHsmToken.create(Files.createDirectories(dir.resolve("card-alice")), "alice", PIN,
                u.certificate(), u.privateKey());
    }

    @AfterAll
    static void stopLab() {
        if (kdc != null) {
            kdc.close();
        }
    }

    private MitKinit.Result kinit(Path krb5Conf, String label, String... args) throws Exception {
        return MitKinit.runWithInput(krb5Conf, dir, label, PIN + "\n", alice.environment(), alice.mitIdentity(),
                args);
    }

    /** The lab's krb5.conf with more [libdefaults] lines. */
    private static Path krb5ConfWith(String name, String libdefaults) throws Exception {
        String text = Files.readString(kdc.lab.krb5Conf()).replaceFirst("(?m)^\\[libdefaults\\]$",
                "[libdefaults]\n    " + libdefaults);
        return Files.writeString(dir.resolve(name), text);
    }

    private static void assertTgtForAlice(String label) throws Exception {
        EncTicketPart t = IssuedTgt.read(MitKinit.ccache(dir, label), kdc.krbtgtKeys()).ticket();
        assertEquals(List.of("alice"), t.getCname().getNameStrings());
    }

    private static JsonNode okAuditLine(AuditFile audit) {
        return audit.lastOk();
    }

    @Test
    void dhWithTheCardGetsATgt() throws Exception {
        try (AuditFile audit = new AuditFile(kdc.lab.dir())) {
            MitKinit.Result r = kinit(kdc.lab.krb5Conf(), "p11-dh", "alice");
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(r.trace().contains("PKINIT opening PKCS#11 module"), r::toString);
            assertEquals(List.of(PREAUTH_REQUIRED), r.kdcErrors(), "only the PREAUTH_REQUIRED round trip");
            assertTgtForAlice("p11-dh");
            assertEquals("dh-modp14", okAuditLine(audit).path("kx").asText(), okAuditLine(audit)::toString);
        }
    }

    @Test
    void dh4096WithTheCardGetsATgt() throws Exception {
        try (AuditFile audit = new AuditFile(kdc.lab.dir())) {
            MitKinit.Result r = kinit(krb5ConfWith("krb5-dh4096.conf", "pkinit_dh_min_bits = 4096"), "p11-dh4096",
                    "alice");
            assertEquals(0, r.exitCode(), r::toString);
            assertTgtForAlice("p11-dh4096");
            assertEquals("dh-modp16", okAuditLine(audit).path("kx").asText(), okAuditLine(audit)::toString);
        }
    }

    /** RFC 4556 3.2.3.2 RSA key transport: the card decrypts the reply key. */
    @Test
    void rsaKeyTransportWithTheCardGetsATgt() throws Exception {
        MitKinit.Result r = kinit(kdc.lab.krb5Conf(), "p11-rsa", "-X", "flag_RSA_PROTOCOL=yes", "alice");
        assertEquals(0, r.exitCode(), r::toString);
        assertTgtForAlice("p11-rsa");
    }

    @Test
    void theCardAsAnotherUserIsRefusedWith75() throws Exception {
        MitKinit.Result r = kinit(kdc.lab.krb5Conf(), "p11-as-bob", "bob");
        assertNotEquals(0, r.exitCode(), r::toString);
        assertTrue(r.kdcErrors().contains(75), r::toString);
    }
}
