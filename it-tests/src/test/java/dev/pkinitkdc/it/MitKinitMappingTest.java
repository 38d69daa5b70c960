package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.lab.LabUser;
import dev.pkinitkdc.kdc.tool.labpki.LabOids;
import dev.pkinitkdc.kdc.tool.labpki.PemFileWriter;
import dev.pkinitkdc.mapping.altsec.AltSecurityIdentity;
import dev.pkinitkdc.mapping.altsec.CertificateSids;
import dev.pkinitkdc.mapping.method.MappingMethod;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.nio.file.Path;
import java.util.List;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's mapping paths with the real MIT kinit against the lab KDC under full strong-mapping enforcement
 * (the default), beyond the UPN (with and without -E) and id-pkinit-san logons of {@link MitKinitLogonTest}:
 * the SAN-less explicit mapping, and each refusal with its code read off the wire.
 */
class MitKinitMappingTest {
    private static final int CERTIFICATE_MISMATCH = 66;

    @TempDir
    static Path dir;
    static LabKdc kdc;
    /** dave: disabled account, strong X509:<I>..<SR>.. mapping. */
    static CertifiedKey dave;
    /** One SAN-less certificate that twin1 and twin2 both map by X509:<I>..<SR>..: ambiguous without a hint. */
    static CertifiedKey twin;
    /** UPN alice, but the SID extension of bob. */
    static CertifiedKey aliceWithBobsSid;

    @BeforeAll
    static void startLab() throws Exception {
        Path lab = dir.resolve("lab");
        LabKdc probe = LabKdc.start(lab);   // creates the PKI and the domain SID the extra accounts need
        probe.close();
        String domainSid = domainSid(probe);
        // with the lab's AIA OCSP URL and CDP, so revocation passes and only mapping decides
        dave = probe.lab.issue(logonCertificate("CN=dave"));
        twin = probe.lab.issue(logonCertificate("CN=twin"));
        aliceWithBobsSid = probe.lab.issue(logonCertificate("CN=alice")
                .subjectAltNames(SubjectAltNames.upnName("alice@lab.example"))
                .extension(CertificateSids.extension(domainSid + "-1101")));
        write("dave", dave);
        write("twin", twin);
        write("alice-bob-sid", aliceWithBobsSid);
        String baseDn = probe.lab.baseDn();
        kdc = LabKdc.start(lab, account("dave", baseDn, 514, strongMapping(dave))
                + account("twin1", baseDn, 512, strongMapping(twin))
                + account("twin2", baseDn, 512, strongMapping(twin)));
    }

    @AfterAll
    static void stopLab() {
        if (kdc != null) {
            kdc.close();
        }
    }

    private static CertificateBuilder logonCertificate(String subject) {
        return CertificateBuilder.withNewKey(subject)
                .extendedKeyUsages(LabOids.MS_SMART_CARD_LOGON, KeyPurposeId.id_kp_clientAuth)
                .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
    }

    private static String domainSid(LabKdc lab) throws Exception {
        return LabCertificates.domainSid(lab);
    }

    private static String strongMapping(CertifiedKey key) {
        return AltSecurityIdentity.strongForms(key.certificate()).stream()
                .filter(f -> f.method() == MappingMethod.ALT_ISSUER_SERIAL).findFirst().orElseThrow().adValue();
    }

    private static String account(String name, String baseDn, int userAccountControl, String altSecurityIdentity) {
        return "dn: CN=" + name + ",CN=Users," + baseDn + "\n"
                + "objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: user\n"
                + "cn: " + name + "\nsn: " + name + "\nsAMAccountName: " + name + "\n"
                + "userAccountControl: " + userAccountControl + "\n"
                + "altSecurityIdentities: " + altSecurityIdentity + "\n\n";
    }

    private static void write(String name, CertifiedKey key) throws Exception {
        PemFileWriter.writeCertifiedKey(dir.resolve(name + ".pem"), dir.resolve(name + ".key"), key);
    }

    private static String identity(String name) {
        return "FILE:" + dir.resolve(name + ".pem") + "," + dir.resolve(name + ".key");
    }

    private static String labIdentity(String user) {
        LabUser u = kdc.lab.user(user);
        return "FILE:" + u.certificate() + "," + u.privateKey();
    }

    private MitKinit.Result kinit(String label, String identity, String... args) throws Exception {
        return MitKinit.run(kdc.lab.krb5Conf(), dir, label, identity, args);
    }

    private void assertTgt(String label, String client) throws Exception {
        IssuedTgt tgt = IssuedTgt.read(MitKinit.ccache(dir, label), kdc.krbtgtKeys());
        assertEquals(List.of(client), tgt.ticket().getCname().getNameStrings());
    }

    private static void assertRefused(int code, MitKinit.Result r) {
        assertNotEquals(0, r.exitCode(), r::toString);
        assertTrue(r.kdcErrors().contains(code), r::toString);
    }

    @Test
    void aSanLessCertificateLogsOnByHintAndStrongAltSecurityIdentities() throws Exception {
        MitKinit.Result carol = kinit("carol", labIdentity("carol"), "carol");
        assertEquals(0, carol.exitCode(), carol::toString);
        assertTgt("carol", "carol");
    }

    @Test
    void aWeakOnlyMappingIsRefusedWith66UnderFullEnforcement() throws Exception {
        assertRefused(CERTIFICATE_MISMATCH, kinit("weak", labIdentity("weak"), "weak"));
    }

    @Test
    void aSidExtensionThatIsNotTheAccountsIsRefusedWith66() throws Exception {
        assertRefused(CERTIFICATE_MISMATCH, kinit("alice-bob-sid", identity("alice-bob-sid"), "alice"));
    }

    @Test
    void aDisabledAccountIsRefusedWith18() throws Exception {
        assertRefused(18, kinit("dave", identity("dave"), "dave"));
    }

    @Test
    void aHintNamingAnotherAccountIsRefusedWith75() throws Exception {
        assertRefused(75, kinit("carol-as-bob", labIdentity("carol"), "bob"));
    }

    @Test
    void aCertificateMappedToTwoAccountsNeedsAHint() throws Exception {
        // MIT kinit always sends a name; without one (NT-X500-PRINCIPAL, as Windows does) the project's client asks
        AsExchangeResult noHint = OwnClient.logon(kdc.lab, dir.resolve("twin.pem"), dir.resolve("twin.key"),
                new PrincipalName(List.of(twin.certificate().getSubjectX500Principal().getName()),
                        NameType.NT_X500_PRINCIPAL), PkinitClientOptions.defaults(), false);
        AsExchangeResult.Error error = assertInstanceOf(AsExchangeResult.Error.class, noHint, noHint::toString);
        assertEquals(8, error.errorCode(), error.eText());
        MitKinit.Result hinted = kinit("twin2", identity("twin"), "twin2");
        assertEquals(0, hinted.exitCode(), hinted::toString);
        assertTgt("twin2", "twin2");
    }
}
