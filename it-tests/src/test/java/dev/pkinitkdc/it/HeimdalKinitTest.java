package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pkinitkdc.kdc.as.AsReqProcessor;
import dev.pkinitkdc.kdc.tool.lab.LabUser;
import dev.pkinitkdc.pkinit.kx.ModpGroup;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heimdal's kinit 7.8, a second client family, against the lab KDC: DH with the group it offers by default (MODP
 * group 2, refused with a clean 65 and TD-DH-PARAMETERS; Heimdal does not retry with a group from it), DH groups
 * 14 and 16, RSA key transport, a PKCS#12 identity and an enterprise name. Heimdal sends its PKINIT request without
 * the PREAUTH_REQUIRED round trip and over TCP (it is larger than a UDP datagram should be).
 */
class HeimdalKinitTest {
    /**
     * Heimdal 7.8 picks the first DH group whose "bits" label is strictly above pkinit_dh_min_bits, and labels its
     * built-in groups 14 as 1760 and 2 as 1024 (their strength estimates): any value from 1024 to 1759 picks group
     * 14. With 0, the default, it picks group 2.
     */
    private static final String GROUP_14 = "pkinit_dh_min_bits = 1024";

    @TempDir
    static Path dir;
    static LabKdc kdc;

    @BeforeAll
    static void startLab() throws Exception {
        HeimdalKinit.binary();   // fail at once, and clearly, when Heimdal is not unpacked
        kdc = LabKdc.start(dir.resolve("lab"));
    }

    @AfterAll
    static void stopLab() {
        if (kdc != null) {
            kdc.close();
        }
    }

    private static String fileIdentity(String user) {
        LabUser u = kdc.lab.user(user);
        return "FILE:" + u.certificate() + "," + u.privateKey();
    }

    private static void assertTgtFor(String label, String expectedClient) throws Exception {
        IssuedTgt tgt = IssuedTgt.read(HeimdalKinit.ccache(dir, label), kdc.krbtgtKeys());
        EncTicketPart t = tgt.ticket();
        assertEquals(List.of(expectedClient), t.getCname().getNameStrings());
        assertEquals(LabKdc.REALM, t.getCrealm());
        assertTrue(t.getFlags().isFlagSet(TicketFlag.INITIAL), "INITIAL");
        assertTrue(t.getFlags().isFlagSet(TicketFlag.PRE_AUTH), "PRE-AUTHENT");
    }

    /** The audit line of this logon's TGT: its key exchange and its client. */
    private static JsonNode okAuditLine(AuditFile audit) {
        return audit.lastOk();
    }

    @Test
    void theDefaultGroup2IsRefusedWith65AndTdDhParametersNamingTheGroupsWeAccept() throws Exception {
        try (KdcWireTap tap = new KdcWireTap(kdc.lab.host(), kdc.lab.port());
             LogCapture refusals = new LogCapture(AsReqProcessor.class)) {
            HeimdalKinit.Result r = HeimdalKinit.run(HeimdalKinit.confVia(kdc, tap.kdcAddress()), dir, "modp2",
                    "-C", fileIdentity("alice"), "alice");
            assertNotEquals(0, r.exitCode(), r::toString);
            assertEquals(List.of(65), r.kdcErrors(), r::toString);
            assertTrue(r.output().contains("dh-modp2 is smaller than 2048 bits"), r::toString);
            assertTrue(refusals.contains("refused with 65"), () -> String.join("\n", refusals.lines()));

            KrbErrorOnTheWire error = KrbErrorOnTheWire.decode(tap.replies().get(tap.replies().size() - 1));
            assertEquals(65, error.code());
            List<BigInteger> offered = error.offeredDhPrimes();
            assertTrue(offered.contains(ModpGroup.MODP14.p()), "TD-DH-PARAMETERS offers MODP group 14");
            assertTrue(!offered.contains(ModpGroup.MODP2.p()), "and not group 2");
        }
    }

    @Test
    void dhGroup14GetsATgt() throws Exception {
        try (AuditFile audit = new AuditFile(kdc.lab.dir())) {
            HeimdalKinit.Result r = HeimdalKinit.run(HeimdalKinit.conf(kdc, GROUP_14), dir, "modp14",
                    "-C", fileIdentity("alice"), "alice");
            assertEquals(0, r.exitCode(), r::toString);
            assertEquals(List.of(), r.kdcErrors(), "no refusal on the way");
            assertTgtFor("modp14", "alice");
            assertEquals("dh-modp14", okAuditLine(audit).path("kx").asText(), okAuditLine(audit)::toString);
        }
    }

    /** Heimdal takes extra groups from a moduli file ({@code name bits p g q}, hex), after its two built-in ones. */
    @Test
    void dhGroup16FromAModuliFileGetsATgt() throws Exception {
        Path moduli = dir.resolve("heimdal-moduli");
        ModpGroup g = ModpGroup.MODP16;
        Files.writeString(moduli, "rfc3526-MODP-group16 4096 " + g.p().toString(16).toUpperCase() + " "
                + String.format("%02X", g.g()) + " " + g.q().toString(16).toUpperCase() + "\n");
        try (AuditFile audit = new AuditFile(kdc.lab.dir())) {
            HeimdalKinit.Result r = HeimdalKinit.run(HeimdalKinit.conf(kdc, "moduli = " + moduli,
                    "pkinit_dh_min_bits = 2048"), dir, "modp16", "-C", fileIdentity("alice"), "alice");
            assertEquals(0, r.exitCode(), r::toString);
            assertTgtFor("modp16", "alice");
            assertEquals("dh-modp16", okAuditLine(audit).path("kx").asText(), okAuditLine(audit)::toString);
        }
    }

    /** RSA key transport (RFC 4556 3.2.3.2), allowed by default. */
    @Test
    void rsaKeyTransportGetsATgt() throws Exception {
        HeimdalKinit.Result r = HeimdalKinit.run(HeimdalKinit.conf(kdc, GROUP_14), dir, "rsa",
                "--pk-use-enckey", "-C", fileIdentity("alice"), "alice");
        assertEquals(0, r.exitCode(), r::toString);
        assertTgtFor("rsa", "alice");
    }

    @Test
    void aPkcs12IdentityGetsATgt() throws Exception {
        HeimdalKinit.Result r = HeimdalKinit.run(HeimdalKinit.conf(kdc, GROUP_14), dir, "p12",
                "-C", "PKCS12:" + kdc.lab.user("bob").pkcs12(), "bob");
        assertEquals(0, r.exitCode(), r::toString);
        assertTgtFor("p12", "bob");
    }

    /** {@code --enterprise}: the cname is the NT-ENTERPRISE UPN; the ticket names her account. */
    @Test
    void anEnterpriseNameGetsATgtForHerAccount() throws Exception {
        try (AuditFile audit = new AuditFile(kdc.lab.dir())) {
            HeimdalKinit.Result r = HeimdalKinit.run(HeimdalKinit.conf(kdc, GROUP_14), dir, "enterprise",
                    "--enterprise", "-C", fileIdentity("alice"), "alice@lab.example");
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(okAuditLine(audit).path("cname").asText().startsWith("alice@lab.example"),
                    okAuditLine(audit)::toString);
            assertTrue(okAuditLine(audit).path("mapping").path("account").asText().startsWith("CN=alice,"),
                    okAuditLine(audit)::toString);
        }
    }

    @Test
    void aCnameTheCertificateDoesNotNameIsRefusedWith75() throws Exception {
        HeimdalKinit.Result r = HeimdalKinit.run(HeimdalKinit.conf(kdc, GROUP_14), dir, "bob-as-alice",
                "-C", fileIdentity("bob"), "alice");
        assertNotEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(75), r.kdcErrors(), r::toString);
    }
}
