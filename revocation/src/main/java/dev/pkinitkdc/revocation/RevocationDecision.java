package dev.pkinitkdc.revocation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What revocation checking decided for one certification path (RFC 5280 6.3, RFC 4556 3.2.3).
 *
 * @param allowed whether the logon may go on
 * @param status the path's status: REVOKED if any certificate is; else UNAVAILABLE, UNKNOWN, GOOD in that order
 * @param decidedBy {@code ocsp} or {@code crl} (the deciding answer's source), {@code grace} (the deciding
 *                  answer came from an expired response or CRL used within its grace period), {@code ledger} (a
 *                  revocation stated earlier that the sources no longer say, see {@link RevokedLedger}),
 *                  {@code mode=soft_fail}, {@code mode=cached_only} or {@code mode=off}
 * @param certificates each checked certificate, end entity first; empty in mode off
 */
public record RevocationDecision(boolean allowed, RevocationStatus status, String decidedBy,
                                 List<CertificateRevocation> certificates) {
    public static final String GRACE = "grace";

    public RevocationDecision {
        certificates = List.copyOf(certificates);
    }

    /** Nothing checked, logon allowed: {@code [revocation] mode = off}. */
    public static RevocationDecision off() {
        return new RevocationDecision(true, RevocationStatus.UNKNOWN, "mode=off", List.of());
    }

    /**
     * The certificate that decided: the first one with the path's status; for a GOOD path the first whose answer
     * used grace (the weakest link must show), else the end entity.
     */
    public Optional<CertificateRevocation> decisive() {
        return decisive(status, certificates);
    }

    static Optional<CertificateRevocation> decisive(RevocationStatus status, List<CertificateRevocation> certificates) {
        if (status == RevocationStatus.GOOD) {
            return certificates.stream().filter(c -> c.deciding().map(SourceAnswer::grace).orElse(false))
                    .findFirst().or(() -> certificates.stream().findFirst());
        }
        return certificates.stream().filter(c -> c.status() == status).findFirst();
    }

    public Optional<SourceAnswer> decidingAnswer() {
        return decisive().flatMap(CertificateRevocation::deciding);
    }

    /** {@code ocsp}, {@code crl} or {@code grace} for the answer that decided, {@code none} if no source answered. */
    static String decidedBy(RevocationStatus status, List<CertificateRevocation> certificates) {
        return decisive(status, certificates).flatMap(CertificateRevocation::deciding)
                .map(a -> a.grace() ? GRACE : a.kind()).orElse("none");
    }

    /**
     * One sentence for the refusal's e-text and log line, naming the certificate and the source. A revoked
     * certificate reads "... revoked (keyCompromise) ... per OCSP http://..."; a status that could not be
     * established never uses the word "revoked".
     */
    public String explanation() {
        Optional<CertificateRevocation> cert = decisive();
        if (cert.isEmpty()) {
            return "revocation " + decidedBy;
        }
        CertificateRevocation c = cert.get();
        return switch (status) {
            case REVOKED -> {
                SourceAnswer a = c.deciding().orElseThrow();
                String how = a.revoked().map(r -> " (" + r.reason() + ") since " + r.revocationTime()).orElse("");
                String per = a.kind().equals(RevokedLedger.KIND) ? a.detail() : source(a) + graceNote(a);
                yield "certificate " + c.describe() + " revoked" + how + " per " + per;
            }
            case GOOD -> "certificate " + c.describe() + " good per " + c.deciding().map(a -> source(a) + graceNote(a))
                    .orElse("-");
            case UNKNOWN -> "status of certificate " + c.describe() + " unknown: " + tried(c);
            case UNAVAILABLE -> "status of certificate " + c.describe() + " unavailable, could not check: " + tried(c);
        };
    }

    private static String tried(CertificateRevocation c) {
        if (c.answers().isEmpty()) {
            return "no revocation source configured";
        }
        return c.answers().stream().map(a -> source(a) + ": " + a.detail()).collect(Collectors.joining("; "));
    }

    private static String source(SourceAnswer a) {
        return a.kind().toUpperCase(Locale.ROOT) + " " + a.location();
    }

    private static String graceNote(SourceAnswer a) {
        return a.grace() ? " (expired " + a.nextUpdate().map(Object::toString).orElse("?") + ", used within grace)"
                : "";
    }
}
