package dev.pkinitkdc.revocation.crl;

import dev.pkinitkdc.revocation.CertificateToCheck;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Whether a CRL covers a certificate (RFC 5280 6.3.3 (a), (b), (d) and (f)): same issuer name and key
 * identifier, and an issuingDistributionPoint whose scope includes the certificate. A CRL that does not cover
 * the certificate is not wrong, it just cannot answer for it.
 */
final class CrlScope {
    private CrlScope() {
    }

    /**
     * @param distributionPointNames the names of the certificate's cRLDistributionPoints when the CRL was fetched
     *     from one of them (6.3.3 (b)(2)(i)); empty for a mirrored CRL, whose origin is the operator's choice
     * @return why the CRL does not cover the certificate, or empty when it does
     */
    static Optional<String> problem(CertificateList crl, CertificateToCheck check,
                                    Optional<List<String>> distributionPointNames) {
        X509Certificate certificate = check.certificate();
        if (!crl.issuer().equals(certificate.getIssuerX500Principal())) {
            return Optional.of("CRL issuer " + crl.issuer().getName() + " is not the certificate's issuer "
                    + certificate.getIssuerX500Principal().getName());
        }
        Optional<byte[]> certificateAki = authorityKeyId(certificate);
        if (crl.extensions().authorityKeyId().isPresent() && certificateAki.isPresent()
                && !Arrays.equals(crl.extensions().authorityKeyId().get(), certificateAki.get())) {
            return Optional.of("CRL authorityKeyIdentifier differs from the certificate's (another CA key)");
        }
        return crl.extensions().issuingDistributionPoint()
                .flatMap(idp -> idpProblem(idp, certificate, distributionPointNames));
    }

    /** RFC 5280 5.2.5 and 6.3.3 (b)(2). */
    private static Optional<String> idpProblem(IssuingDistributionPoint idp, X509Certificate certificate,
                                               Optional<List<String>> distributionPointNames) {
        boolean ca = certificate.getBasicConstraints() >= 0;
        if (idp.onlyContainsUserCerts() && ca) {
            return Optional.of("CRL covers only end-entity certificates (onlyContainsUserCerts), this is a CA");
        }
        if (idp.onlyContainsCACerts() && !ca) {
            return Optional.of("CRL covers only CA certificates (onlyContainsCACerts)");
        }
        if (idp.onlyContainsAttributeCerts()) {
            return Optional.of("CRL covers only attribute certificates (onlyContainsAttributeCerts)");
        }
        if (idp.getOnlySomeReasons() != null) {
            return Optional.of("CRL covers only some reasons (onlySomeReasons), a complete CRL is needed");
        }
        List<String> idpNames = DistributionPointUrls.fullNameUris(idp.getDistributionPoint());
        if (distributionPointNames.isPresent() && idp.getDistributionPoint() != null
                && Collections.disjoint(idpNames, distributionPointNames.get())) {
            return Optional.of("CRL issuingDistributionPoint " + idpNames
                    + " is none of the certificate's distribution points");
        }
        return Optional.empty();
    }

    private static Optional<byte[]> authorityKeyId(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(AuthorityKeyIdentifier.getInstance(
                    JcaX509ExtensionUtils.parseExtensionValue(value)).getKeyIdentifier());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
