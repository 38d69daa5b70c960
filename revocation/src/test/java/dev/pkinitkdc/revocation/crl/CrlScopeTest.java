package dev.pkinitkdc.revocation.crl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import dev.pkinitkdc.pkinit.labpki.CrlBuilder;
import dev.pkinitkdc.revocation.CertificateToCheck;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.junit.jupiter.api.Test;

/** RFC 5280 6.3.3 scope: issuer name, authority key, issuingDistributionPoint. */
class CrlScopeTest {
    private static final String CDP = "http://127.0.0.1:1/issuing.crl";

    private static Optional<String> problem(CrlBuilder crl, CertificateToCheck check, List<String> names)
            throws Exception {
        return CrlScope.problem(CertificateList.parse(crl.build().getEncoded()), check, Optional.of(names));
    }

    private static Extension idp(IssuingDistributionPoint idp) throws Exception {
        return new Extension(Extension.issuingDistributionPoint, true, idp.getEncoded());
    }

    @Test
    void theIssuersOwnCrlCoversItsCertificates() throws Exception {
        assertEquals(Optional.empty(), problem(CrlBuilder.by(TestPki.ca()).distributionPoint(CDP),
                TestPki.user(CDP), List.of(CDP)));
    }

    @Test
    void anotherIssuerOrAnotherKeyOfTheSameNameIsOutOfScope() throws Exception {
        CertifiedKey other = CertificateBuilder.withNewKey("CN=Other CA").ca(0).selfSigned();
        assertTrue(problem(CrlBuilder.by(other), TestPki.user(CDP), List.of(CDP)).orElseThrow()
                .contains("not the certificate's issuer"));

        CertifiedKey rolledOver = CertificateBuilder.withNewKey(
                TestPki.ca().certificate().getSubjectX500Principal().getName()).ca(0).selfSigned();
        assertTrue(problem(CrlBuilder.by(rolledOver), TestPki.user(CDP), List.of(CDP)).orElseThrow()
                .contains("authorityKeyIdentifier"));
    }

    @Test
    void onlyUserOnlyCaAndOnlySomeReasonsLimitTheScope() throws Exception {
        CertificateToCheck user = TestPki.user(CDP);
        IssuingDistributionPoint onlyCa = new IssuingDistributionPoint(null, false, true, null, false, false);
        assertTrue(problem(CrlBuilder.by(TestPki.ca()).extension(idp(onlyCa)), user, List.of(CDP)).orElseThrow()
                .contains("onlyContainsCACerts"));

        IssuingDistributionPoint onlyUser = new IssuingDistributionPoint(null, true, false, null, false, false);
        assertEquals(Optional.empty(), problem(CrlBuilder.by(TestPki.ca()).extension(idp(onlyUser)), user,
                List.of(CDP)));
        CertifiedKey subCa = CertificateBuilder.withKey("CN=Sub CA", TestPki.ca().keyPair()).ca(0)
                .crlDistributionPoint(CDP).issuedBy(TestPki.ca());
        assertTrue(problem(CrlBuilder.by(TestPki.ca()).extension(idp(onlyUser)),
                new CertificateToCheck(subCa.certificate(), TestPki.ca().certificate()), List.of(CDP))
                .orElseThrow().contains("onlyContainsUserCerts"));

        IssuingDistributionPoint someReasons = new IssuingDistributionPoint(null, false, false,
                new ReasonFlags(ReasonFlags.keyCompromise), false, false);
        assertTrue(problem(CrlBuilder.by(TestPki.ca()).extension(idp(someReasons)), user, List.of(CDP))
                .orElseThrow().contains("onlySomeReasons"));
    }

    @Test
    void theDistributionPointNameMustBeOneOfTheCertificates() throws Exception {
        CertificateToCheck user = TestPki.user(CDP);
        assertTrue(problem(CrlBuilder.by(TestPki.ca()).distributionPoint("http://elsewhere/other.crl"), user,
                List.of(CDP)).orElseThrow().contains("none of the certificate's distribution points"));
        // a mirrored CRL (no names to match) is not held to the distribution point name
        assertEquals(Optional.empty(), CrlScope.problem(CertificateList.parse(CrlBuilder.by(TestPki.ca())
                .distributionPoint("http://elsewhere/other.crl").build().getEncoded()), user, Optional.empty()));
        IssuingDistributionPoint listed = new IssuingDistributionPoint(new DistributionPointName(
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, CDP))), false, false,
                null, false, false);
        assertEquals(Optional.empty(), problem(CrlBuilder.by(TestPki.ca()).extension(idp(listed)), user,
                List.of("ldap://127.0.0.1/cn=x?certificateRevocationList", CDP)));
    }
}
