package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pkinitkdc.kdc.tool.lab.LabUser;
import dev.pkinitkdc.pkinit.kx.EcCurve;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real MIT kinit 1.20 against the lab KDC for the key exchanges it can drive: RSA key transport
 * ({@code -X flag_RSA_PROTOCOL=yes}; 81 off the trace when the KDC has it switched off), DH with MODP group 16 when
 * the client's krb5.conf asks for {@code pkinit_dh_min_bits = 4096}, and an ECDSA P-256 client certificate (whose
 * SignerInfo MIT labels sha256WithRSAEncryption).
 */
class MitKinitKeyExchangeTest {
    private static final int PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED = 81;

    @TempDir
    Path dir;

    private static String identity(Path cert, Path key) {
        return "FILE:" + cert + "," + key;
    }

    private static String identity(LabKdc kdc, String user) {
        LabUser u = kdc.lab.user(user);
        return identity(u.certificate(), u.privateKey());
    }

    /** The audit line of the successful logon of this test. */
    private static JsonNode okLine(AuditFile audit) {
        return audit.lastOk();
    }

    private void assertTgt(LabKdc kdc, String label, MitKinit.Result r) throws Exception {
        assertEquals(0, r.exitCode(), r::toString);
        IssuedTgt tgt = IssuedTgt.read(MitKinit.ccache(dir, label), kdc.krbtgtKeys());
        assertEquals(List.of("alice"), tgt.ticket().getCname().getNameStrings());
    }

    @Test
    void rsaKeyTransportGetsATgtAndIsRefusedWith81WhenSwitchedOff() throws Exception {
        try (AuditFile audit = new AuditFile(dir.resolve("lab")); LabKdc kdc = LabKdc.start(dir.resolve("lab"))) {
            MitKinit.Result r = MitKinit.run(kdc.lab.krb5Conf(), dir, "rsa", identity(kdc, "alice"),
                    "-X", "flag_RSA_PROTOCOL=yes", "alice");
            assertTgt(kdc, "rsa", r);
            assertEquals("rsa-key-transport", okLine(audit).path("kx").asText(), okLine(audit)::toString);
        }
        try (LabKdc kdc = LabKdc.start(dir.resolve("lab-off"), "",
                conf -> conf.replace("rsa_key_transport = true", "rsa_key_transport = false"))) {
            MitKinit.Result r = MitKinit.run(kdc.lab.krb5Conf(), dir, "rsa-off", identity(kdc, "alice"),
                    "-X", "flag_RSA_PROTOCOL=yes", "alice");
            assertNotEquals(0, r.exitCode(), r::toString);
            assertTrue(r.kdcErrors().contains(PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED), r::toString);
        }
    }

    @Test
    void dh4096FromTheClientsMinimumGetsATgt() throws Exception {
        try (AuditFile audit = new AuditFile(dir.resolve("lab")); LabKdc kdc = LabKdc.start(dir.resolve("lab"))) {
            Path krb5 = dir.resolve("krb5-dh4096.conf");
            String conf = Files.readString(kdc.lab.krb5Conf());
            assertTrue(conf.contains("[libdefaults]\n"), conf);
            Files.writeString(krb5, conf.replace("[libdefaults]\n", "[libdefaults]\n    pkinit_dh_min_bits = 4096\n"));
            MitKinit.Result r = MitKinit.run(krb5, dir, "dh4096", identity(kdc, "alice"), "alice");
            assertTgt(kdc, "dh4096", r);
            assertEquals("dh-modp16", okLine(audit).path("kx").asText(), okLine(audit)::toString);
        }
    }

    @Test
    void anEcdsaP256CertificateLogsOn() throws Exception {
        try (AuditFile audit = new AuditFile(dir.resolve("lab")); LabKdc kdc = LabKdc.start(dir.resolve("lab"))) {
            EcdsaCertificate ec = EcdsaCertificate.alice(kdc, EcCurve.P256, dir);
            MitKinit.Result r = MitKinit.run(kdc.lab.krb5Conf(), dir, "ecdsa", ec.identity(), "alice");
            assertTgt(kdc, "ecdsa", r);
            assertEquals("dh-modp14", okLine(audit).path("kx").asText(), okLine(audit)::toString);
        }
    }
}
