package dev.pkinitkdc.pkinit.client;

import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * RFC 4556 3.2.4: the client checks that the KDC certificate chains to its anchors (RFC 5280 basic path
 * validation, no revocation). KDC name and EKU checks are left to callers.
 */
final class KdcCertificatePath {
    private KdcCertificatePath() {
    }

    static void validate(X509Certificate kdcCert, List<X509Certificate> bundled, List<X509Certificate> anchors)
            throws PkinitClientException {
        try {
            Set<TrustAnchor> trust = anchors.stream().map(a -> new TrustAnchor(a, null)).collect(Collectors.toSet());
            List<X509Certificate> path = new ArrayList<>();
            X509Certificate current = kdcCert;
            path.add(current);
            // order the bundled intermediates issuer by issuer up to (not including) an anchor
            for (int i = 0; i < bundled.size() && !issuedByAnchor(current, anchors); i++) {
                X509Certificate issuer = findIssuer(current, bundled);
                if (issuer == null) {
                    break;
                }
                path.add(issuer);
                current = issuer;
            }
            PKIXParameters params = new PKIXParameters(trust);
            params.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        } catch (Exception e) {
            throw new PkinitClientException("KDC certificate does not chain to the trust anchors", e);
        }
    }

    private static boolean issuedByAnchor(X509Certificate c, List<X509Certificate> anchors) {
        return anchors.stream().anyMatch(a -> a.getSubjectX500Principal().equals(c.getIssuerX500Principal()));
    }

    private static X509Certificate findIssuer(X509Certificate c, List<X509Certificate> candidates) {
        return candidates.stream()
                .filter(x -> !x.equals(c) && x.getSubjectX500Principal().equals(c.getIssuerX500Principal()))
                .findFirst().orElse(null);
    }
}
