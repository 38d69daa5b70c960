package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.lab.LabUser;
import dev.pkinitkdc.kdc.tool.labpki.LabOids;
import dev.pkinitkdc.kdc.tool.labpki.LabPki;
import dev.pkinitkdc.kdc.tool.labpki.PemFileWriter;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlag;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/**
 * Issue 2's end-to-end path: the real MIT kinit logs on to the real lab KDC with PKINIT. The lab runs full
 * strong-mapping enforcement, so alice's UPN and bob's id-pkinit-san logons are strong through the SID extension
 * their certificates carry.
 */
class MitKinitLogonTest extends LabPerClass {
    private static final int PREAUTH_REQUIRED = 25;

    private static String identity(Path cert, Path key) {
        return "FILE:" + cert + "," + key;
    }

    private static String identity(String user) {
        LabUser u = kdc.lab.user(user);
        return identity(u.certificate(), u.privateKey());
    }

    private MitKinit.Result kinit(String label, String identity, String... args) throws Exception {
        return MitKinit.run(kdc.lab.krb5Conf(), dir, label, identity, args);
    }

    /** Opens the TGT with the krbtgt key and checks what a TGS relies on. */
    private void assertTgtFor(String label, String expectedClient) throws Exception {
        IssuedTgt tgt = IssuedTgt.read(MitKinit.ccache(dir, label), kdc.krbtgtKeys());
        EncTicketPart t = tgt.ticket();
        assertEquals(List.of(expectedClient), t.getCname().getNameStrings());
        assertEquals(LabKdc.REALM, t.getCrealm());
        assertEquals(List.of("krbtgt", LabKdc.REALM), tgt.credential().ticket().getSname().getNameStrings());
        assertTrue(t.getFlags().isFlagSet(TicketFlag.INITIAL), "INITIAL");
        assertTrue(t.getFlags().isFlagSet(TicketFlag.PRE_AUTH), "PRE-AUTHENT");
        Instant auth = Instant.ofEpochMilli(t.getAuthTime().getTime());
        Instant end = Instant.ofEpochMilli(t.getEndTime().getTime());
        assertTrue(Duration.between(auth, Instant.now()).abs().compareTo(Duration.ofMinutes(5)) < 0, "authtime is now");
        assertTrue(end.isAfter(auth) && !end.isAfter(auth.plus(Duration.ofHours(10))), "lifetime within 10h");
        assertArrayEquals(tgt.credential().key(), t.getKey().getKeyData(),
                "the session key the client holds is the one sealed in the ticket");
        // what the real klist shows: the ccache's principal is the account's name in the realm, exactly
        String klist = MitKinit.klist(MitKinit.ccache(dir, label));
        assertEquals(List.of("Default principal: " + expectedClient + "@" + LabKdc.REALM),
                klist.lines().filter(l -> l.startsWith("Default principal:")).toList(), klist);
        assertEquals(List.of("krbtgt/" + LabKdc.REALM + "@" + LabKdc.REALM),
                klist.lines().filter(l -> l.contains("krbtgt/")).map(l -> l.substring(l.lastIndexOf(' ') + 1))
                        .toList(), klist);
    }

    @Test
    void aliceBySamAccountNameGetsATgt() throws Exception {
        MitKinit.Result r = kinit("alice", identity("alice"), "alice");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(PREAUTH_REQUIRED), r.kdcErrors(), "only the PREAUTH_REQUIRED round trip");
        assertTgtFor("alice", "alice");
    }

    @Test
    void aliceByEnterpriseNameGetsATgtForHerAccount() throws Exception {
        MitKinit.Result r = kinit("alice-upn", identity("alice"), "-E", "alice@lab.example");
        assertEquals(0, r.exitCode(), r::toString);
        assertTgtFor("alice-upn", "alice");   // RFC 6806 5: the account's own name, not the enterprise name
    }

    @Test
    void bobByPkinitSanGetsATgt() throws Exception {
        MitKinit.Result r = kinit("bob", identity("bob"), "bob");
        assertEquals(0, r.exitCode(), r::toString);
        assertTgtFor("bob", "bob");
    }

    @Test
    void aCertificateFromAnUntrustedCaIsRefusedWith70() throws Exception {
        CertifiedKey rogueRoot = CertificateBuilder.withNewKey("CN=Rogue Root,O=Elsewhere").ca(null).selfSigned();
        CertifiedKey rogue = CertificateBuilder.withNewKey("CN=alice")
                .subjectAltNames(SubjectAltNames.upnName("alice@lab.example"))
                .extendedKeyUsages(LabOids.MS_SMART_CARD_LOGON, KeyPurposeId.id_kp_clientAuth)
                .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment)
                .issuedBy(rogueRoot);
        Path cert = dir.resolve("rogue.pem");
        Path key = dir.resolve("rogue.key");
        Path rogueAnchor = dir.resolve("rogue-root.pem");
        PemFileWriter.writeCertifiedKey(cert, key, rogue);
        PemFileWriter.writeCertificates(rogueAnchor, List.of(rogueRoot.certificate()));
        // MIT sends only a certificate it can chain itself: give it the rogue root beside the lab's
        MitKinit.Result r = kinit("rogue", identity(cert, key),
                "-X", "X509_anchors=FILE:" + kdc.lab.layout().rootCertificate(),
                "-X", "X509_anchors=FILE:" + rogueAnchor, "alice");
        assertNotEquals(0, r.exitCode(), r::toString);
        assertTrue(r.kdcErrors().contains(70), r::toString);
    }

    @Test
    void aCertificateWithoutALogonEkuIsRefusedWith77() throws Exception {
        CertifiedKey issuing = LabPki.load(kdc.lab.layout()).issuing();
        CertifiedKey serverOnly = CertificateBuilder.withNewKey("CN=alice")
                .subjectAltNames(SubjectAltNames.upnName("alice@lab.example"))
                .extendedKeyUsages(KeyPurposeId.id_kp_serverAuth)
                .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment)
                .issuedBy(issuing);
        Path cert = dir.resolve("server-eku.pem");
        Path key = dir.resolve("server-eku.key");
        PemFileWriter.writeCertifiedKey(cert, key, serverOnly);
        MitKinit.Result r = kinit("server-eku", identity(cert, key), "alice");
        assertNotEquals(0, r.exitCode(), r::toString);
        assertTrue(r.kdcErrors().contains(77), r::toString);
    }

    @Test
    void aCnameThatTheCertificateDoesNotNameIsRefusedWith75() throws Exception {
        MitKinit.Result r = kinit("bob-as-alice", identity("bob"), "alice");
        assertNotEquals(0, r.exitCode(), r::toString);
        assertTrue(r.kdcErrors().contains(75), r::toString);
    }

    @Test
    void theKdcKeepsServingAfterRefusals() throws Exception {
        kinit("bob-as-alice-2", identity("bob"), "alice");
        MitKinit.Result r = kinit("alice-after", identity("alice"), "alice");
        assertEquals(0, r.exitCode(), r::toString);
    }
}
