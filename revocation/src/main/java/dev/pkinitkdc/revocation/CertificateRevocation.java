package dev.pkinitkdc.revocation;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The revocation status of one certificate of the path and every answer asked for it, in the order asked.
 *
 * @param status the first definite answer's (GOOD, REVOKED); else UNAVAILABLE if any source was unavailable,
 *               else UNKNOWN
 */
public record CertificateRevocation(X509Certificate certificate, RevocationStatus status, List<SourceAnswer> answers) {
    public CertificateRevocation {
        answers = List.copyOf(answers);
    }

    /** Combines the answers asked in order: the first definite one wins; UNAVAILABLE outranks UNKNOWN. */
    public static CertificateRevocation of(X509Certificate certificate, List<SourceAnswer> answers) {
        RevocationStatus status = answers.stream().map(SourceAnswer::status).filter(RevocationStatus::definite)
                .findFirst()
                .orElse(answers.stream().anyMatch(a -> a.status() == RevocationStatus.UNAVAILABLE)
                        ? RevocationStatus.UNAVAILABLE : RevocationStatus.UNKNOWN);
        return new CertificateRevocation(certificate, status, answers);
    }

    /**
     * The answer that gave this status: the definite one; for UNAVAILABLE the first unavailable source; for
     * UNKNOWN the last source asked. Empty only when no source was asked.
     */
    public Optional<SourceAnswer> deciding() {
        Optional<SourceAnswer> same = answers.stream().filter(a -> a.status() == status).findFirst();
        return status == RevocationStatus.UNKNOWN && !answers.isEmpty()
                ? Optional.of(answers.get(answers.size() - 1)) : same;
    }

    /** {@code CN=alice serial 1A2B}: how refusals and logs name the certificate. */
    public String describe() {
        return describe(certificate);
    }

    public static String describe(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + " serial "
                + certificate.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
    }
}
