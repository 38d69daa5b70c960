package dev.pkinitkdc.kdc.tool.labpki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import dev.pkinitkdc.kdc.tool.lab.LabOptions;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.cert.KerberosPrincipalName;
import dev.pkinitkdc.pkinit.cert.PemFiles;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab PKI as written to disk: names, key purposes and paths MIT kinit and the KDC rely on. */
class LabPkiTest {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_CERT_SIGN = 5;

    @TempDir
    static Path dir;
    static LabEnvironment lab;
    static LabPki pki;

    @BeforeAll
    static void prepare() throws Exception {
        lab = LabEnvironment.prepare(new LabOptions(dir, "LAB.EXAMPLE", "127.0.0.1", 8888));
        pki = LabPki.load(lab.layout());
    }

    private static X509Certificate read(Path pem) throws Exception {
        return PemFiles.certificate(pem);
    }

    @Test
    void caCertificates() throws Exception {
        X509Certificate root = read(lab.layout().rootCertificate());
        X509Certificate issuing = read(lab.layout().issuingCertificate());
        assertEquals("CN=Lab Root CA,O=LAB.EXAMPLE", root.getSubjectX500Principal().getName());
        assertEquals("CN=Lab Issuing CA,O=LAB.EXAMPLE", issuing.getSubjectX500Principal().getName());
        assertEquals(Integer.MAX_VALUE, root.getBasicConstraints());
        assertEquals(0, issuing.getBasicConstraints());
        assertTrue(issuing.getKeyUsage()[KEY_CERT_SIGN]);
        assertEquals("SHA256withRSA", issuing.getSigAlgName());
        long years = Duration.between(issuing.getNotBefore().toInstant(), issuing.getNotAfter().toInstant()).toDays();
        assertEquals(3650, years);
    }

    @Test
    void kdcCertificateHasKrbtgtSanDnsNameAndKdcEku() throws Exception {
        X509Certificate kdc = read(lab.layout().kdc().certificate());
        assertEquals("CN=localhost", kdc.getSubjectX500Principal().getName());
        assertEquals(List.of(new KerberosPrincipalName("LAB.EXAMPLE", 2, List.of("krbtgt", "LAB.EXAMPLE"))),
                SubjectAltNames.kerberosPrincipals(kdc));
        assertEquals(List.of("localhost"), SubjectAltNames.dnsNames(kdc));
        assertTrue(ipAddresses(kdc).contains("127.0.0.1"), ipAddresses(kdc).toString());
        assertEquals(List.of(LabOids.ID_PKINIT_KP_KDC.getId(), SERVER_AUTH), kdc.getExtendedKeyUsage());
        assertTrue(kdc.getKeyUsage()[DIGITAL_SIGNATURE]);
        assertEquals(-1, kdc.getBasicConstraints());
    }

    @Test
    void aliceHasUpnAndSmartCardLogon() throws Exception {
        X509Certificate alice = read(lab.user("alice").certificate());
        assertEquals("CN=alice", alice.getSubjectX500Principal().getName());
        assertEquals(List.of("alice@lab.example"), SubjectAltNames.upns(alice));
        assertTrue(SubjectAltNames.kerberosPrincipals(alice).isEmpty());
        assertEquals(List.of(LabOids.MS_SMART_CARD_LOGON.getId(), CLIENT_AUTH), alice.getExtendedKeyUsage());
        assertTrue(alice.getKeyUsage()[DIGITAL_SIGNATURE] && alice.getKeyUsage()[KEY_ENCIPHERMENT]);
        assertEquals(730, Duration.between(alice.getNotBefore().toInstant(), alice.getNotAfter().toInstant()).toDays());
        assertTrue(alice.getNotBefore().toInstant().isBefore(Instant.now().minus(Duration.ofMinutes(59))));
    }

    @Test
    void bobHasPkinitSanAndPkinitClientEku() throws Exception {
        X509Certificate bob = read(lab.user("bob").certificate());
        assertEquals(List.of(new KerberosPrincipalName("LAB.EXAMPLE", 1, List.of("bob"))),
                SubjectAltNames.kerberosPrincipals(bob));
        assertTrue(SubjectAltNames.upns(bob).isEmpty());
        assertEquals(List.of(LabOids.ID_PKINIT_KP_CLIENT_AUTH.getId()), bob.getExtendedKeyUsage());
        assertTrue(bob.getKeyUsage()[DIGITAL_SIGNATURE] && bob.getKeyUsage()[KEY_ENCIPHERMENT]);
    }

    @Test
    void serialNumbersArePositiveAndRandom() throws Exception {
        X509Certificate alice = read(lab.user("alice").certificate());
        X509Certificate bob = read(lab.user("bob").certificate());
        assertEquals(1, alice.getSerialNumber().signum());
        assertTrue(alice.getSerialNumber().bitLength() > 64);
        assertFalse(alice.getSerialNumber().equals(bob.getSerialNumber()));
    }

    @Test
    void usersAndKdcChainToRootThroughIssuingCa() throws Exception {
        for (Path leaf : List.of(lab.user("alice").certificate(), lab.user("bob").certificate(),
                lab.layout().kdc().certificate())) {
            validate(read(leaf), read(lab.layout().issuingCertificate()));
        }
    }

    @Test
    void privateKeysMatchCertificates() throws Exception {
        CertifiedKey alice = PemFiles.certifiedKey(lab.user("alice").certificate(), lab.user("alice").privateKey());
        var signature = java.security.Signature.getInstance("SHA256withRSA");
        signature.initSign(alice.privateKey());
        signature.update(new byte[] {1, 2, 3});
        byte[] signed = signature.sign();
        signature.initVerify(alice.certificate());
        signature.update(new byte[] {1, 2, 3});
        assertTrue(signature.verify(signed));
    }

    @Test
    void builderMakesCertificatesThatMustFail() throws Exception {
        CertifiedKey untrustedCa = CertificateBuilder.withNewKey("CN=Untrusted CA").ca(0).selfSigned();
        CertifiedKey stranger = CertificateBuilder.withNewKey("CN=alice")
                .subjectAltNames(SubjectAltNames.upnName("alice@lab.example"))
                .extendedKeyUsages(LabOids.MS_SMART_CARD_LOGON)
                .issuedBy(untrustedCa);
        assertThrows(CertPathValidatorException.class,
                () -> validate(stranger.certificate(), untrustedCa.certificate()));

        CertifiedKey wrongEku = CertificateBuilder.withNewKey("CN=alice")
                .extendedKeyUsages(KeyPurposeId.id_kp_serverAuth)
                .issuedBy(pki.issuing());
        assertEquals(List.of(SERVER_AUTH), wrongEku.certificate().getExtendedKeyUsage());
        validate(wrongEku.certificate(), pki.issuing().certificate());

        Instant longAgo = Instant.now().minus(Duration.ofDays(400));
        CertifiedKey expired = CertificateBuilder.withNewKey("CN=alice")
                .validity(longAgo, longAgo.plus(Duration.ofDays(30)))
                .issuedBy(pki.issuing());
        assertThrows(CertPathValidatorException.class,
                () -> validate(expired.certificate(), pki.issuing().certificate()));
    }

    private static void validate(X509Certificate leaf, X509Certificate intermediate) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        PKIXParameters parameters = new PKIXParameters(
                Set.of(new TrustAnchor(read(lab.layout().rootCertificate()), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX")
                .validate(factory.generateCertPath(List.of(leaf, intermediate)), parameters);
    }

    private static List<String> ipAddresses(X509Certificate certificate) throws Exception {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        assertNotNull(names);
        return names.stream().filter(name -> (Integer) name.get(0) == 7)
                .map(name -> (String) name.get(1)).collect(Collectors.toList());
    }
}
