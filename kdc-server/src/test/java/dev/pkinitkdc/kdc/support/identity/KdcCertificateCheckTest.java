package dev.pkinitkdc.kdc.support.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.labpki.LabPki;
import dev.pkinitkdc.pkinit.KdcIdentity;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KdcCertificateCheckTest {
    private static final String REALM = "LAB.EXAMPLE";
    static LabPki pki;
    static CertifiedKey kdc;

    @BeforeAll
    static void pki() {
        pki = LabPki.generate(REALM);
        kdc = pki.issueKdc(REALM, "kdc.lab.example");
    }

    @Test
    void theLabKdcCertificateIsUsableAndDrawsNoWarning() throws Exception {
        KdcCertificateCheck.requireUsable(new KdcIdentity(kdc.privateKey(), kdc.certificate(), List.of()), Instant.now());
        assertEquals(List.of(), KdcCertificateCheck.warnings(kdc.certificate(), REALM, Instant.now()));
        String line = KdcCertificateCheck.describe(kdc.certificate());
        assertTrue(line.contains("thumbprint=" + KdcCertificateCheck.thumbprint(kdc.certificate())), line);
        assertTrue(line.contains("pkinit-san:krbtgt/LAB.EXAMPLE@LAB.EXAMPLE"), line);
        assertTrue(line.contains("1.3.6.1.5.2.3.5"), line);
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() {
        CertifiedKey other = pki.issueKdc(REALM, "other.lab.example");
        InvalidKdcIdentityException e = assertThrows(InvalidKdcIdentityException.class, () -> KdcCertificateCheck
                .requireUsable(new KdcIdentity(other.privateKey(), kdc.certificate(), List.of()), Instant.now()));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void anExpiredCertificateIsRefused() {
        Instant later = kdc.certificate().getNotAfter().toInstant().plusSeconds(1);
        InvalidKdcIdentityException e = assertThrows(InvalidKdcIdentityException.class, () -> KdcCertificateCheck
                .requireUsable(new KdcIdentity(kdc.privateKey(), kdc.certificate(), List.of()), later));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void warnsAboutMissingKdcEkuAndNamesAndSoonExpiry() {
        CertifiedKey bare = CertificateBuilder.withNewKey("CN=kdc").extendedKeyUsages(KeyPurposeId.id_kp_serverAuth)
                .issuedBy(pki.issuing());
        List<String> w = KdcCertificateCheck.warnings(bare.certificate(), REALM, Instant.now());
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(0).contains("id-pkinit-KPKdc"), w.toString());
        assertTrue(w.get(1).contains("neither krbtgt/LAB.EXAMPLE@LAB.EXAMPLE"), w.toString());
        Instant soon = kdc.certificate().getNotAfter().toInstant().minus(Duration.ofDays(3));
        assertTrue(KdcCertificateCheck.warnings(kdc.certificate(), REALM, soon).get(0).contains("within 30 days"));
    }
}
