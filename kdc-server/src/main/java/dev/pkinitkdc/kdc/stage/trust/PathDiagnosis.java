package dev.pkinitkdc.kdc.stage.trust;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.asn1.ExternalPrincipalIdentifiers;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Why no certification path could be built, in RFC 4556 3.2.2's terms: a certificate whose issuer is neither a
 * trust anchor nor among the intermediates is KDC_ERR_CANT_VERIFY_CERTIFICATE with TD-TRUSTED-CERTIFIERS; a
 * certificate whose signature does not verify with its issuer's key, or a CA outside its validity, is
 * KDC_ERR_INVALID_CERTIFICATE with TD-INVALID-CERTIFICATES.
 */
final class PathDiagnosis {
    private final List<X509Certificate> anchors;
    private final List<X509Certificate> intermediates;
    private final int maxPathLength;

    PathDiagnosis(List<X509Certificate> anchors, List<X509Certificate> intermediates, int maxPathLength) {
        this.anchors = anchors;
        this.intermediates = intermediates;
        this.maxPathLength = maxPathLength;
    }

    /** Walks up from {@code cert} by issuer name to say which link is broken. */
    KdcFailure explain(X509Certificate cert, Date now) {
        X509Certificate current = cert;
        for (int depth = 0; depth <= maxPathLength + 1; depth++) {
            Optional<X509Certificate> anchor = issuerAmong(current, anchors);
            if (anchor.isPresent()) {
                return CertificationPathBuilder.signedBy(current, anchor.get())
                        ? cantVerify("the path to " + name(anchor.get()) + " breaks a constraint (path length, "
                                + "basic constraints or name constraints)")
                        : invalid(current, "signature of " + name(current) + " does not verify with " + name(anchor.get()));
            }
            Optional<X509Certificate> issuer = issuerAmong(current, intermediates);
            if (issuer.isEmpty()) {
                return cantVerify("no trust anchor or intermediate issued " + name(current) + " (issuer "
                        + current.getIssuerX500Principal().getName() + ")");
            }
            if (!CertificationPathBuilder.signedBy(current, issuer.get())) {
                return invalid(current, "signature of " + name(current) + " does not verify with " + name(issuer.get()));
            }
            if (now.after(issuer.get().getNotAfter()) || now.before(issuer.get().getNotBefore())) {
                return invalid(issuer.get(), "CA " + name(issuer.get()) + " is outside its validity "
                        + issuer.get().getNotBefore().toInstant() + ".." + issuer.get().getNotAfter().toInstant());
            }
            current = issuer.get();
        }
        return cantVerify("no path to a trust anchor within " + maxPathLength + " intermediate CAs");
    }

    /** The search for a path spent its budget (RFC 4158 has the searcher stop; a client's lattice must not tire it). */
    KdcFailure gaveUp(int candidates) {
        return cantVerify("path building gave up after " + candidates + " candidates");
    }

    private KdcFailure cantVerify(String text) {
        return new KdcFailure(FailureReason.CANT_VERIFY_CERTIFICATE, text,
                ExternalPrincipalIdentifiers.trustedCertifiers(anchors), null);
    }

    static KdcFailure invalid(X509Certificate cert, String text) {
        return new KdcFailure(FailureReason.CERTIFICATE_INVALID, text,
                ExternalPrincipalIdentifiers.invalidCertificates(List.of(cert)), null);
    }

    private static Optional<X509Certificate> issuerAmong(X509Certificate cert, List<X509Certificate> candidates) {
        List<X509Certificate> named = candidates.stream()
                .filter(c -> c.getSubjectX500Principal().equals(cert.getIssuerX500Principal()) && !c.equals(cert))
                .toList();
        return named.stream().filter(c -> CertificationPathBuilder.signedBy(cert, c)).findFirst()
                .or(() -> named.stream().findFirst());
    }

    private static String name(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName();
    }
}
