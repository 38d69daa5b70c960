package dev.pkinitkdc.revocation;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocation checking of a validated path (RFC 5280 6.3, RFC 4556 3.2.3): for each certificate in scope the
 * sources are asked in the configured order and the first definite answer (GOOD, REVOKED) wins; the
 * certificates are checked concurrently; then the mode turns the path's status into a decision. Never blocks:
 * the decision completes when the last source answers, on that source's thread.
 *
 * <p>Revoked is sticky: every REVOKED answer is recorded in the {@link RevokedLedger}, which is consulted before
 * any other answer is accepted for that serial, in every mode but off.
 */
public final class RevocationChecker {
    private static final Logger LOG = LoggerFactory.getLogger(RevocationChecker.class);

    private final List<RevocationSource> sources;
    private final RevocationMode mode;
    private final RevocationScope scope;
    private final RevocationCounters counters;
    private final RevokedLedger ledger;

    /** A checker whose ledger is in memory only. */
    public RevocationChecker(List<RevocationSource> inOrder, RevocationMode mode, RevocationScope scope,
                             RevocationCounters counters) {
        this(inOrder, mode, scope, counters, RevokedLedger.inMemory(Clock.systemUTC()));
    }

    /**
     * @param inOrder the sources in the order they are asked, e.g. OCSP then CRL
     * @param ledger the revocations this KDC has seen stated, consulted before any non-REVOKED answer
     */
    public RevocationChecker(List<RevocationSource> inOrder, RevocationMode mode, RevocationScope scope,
                             RevocationCounters counters, RevokedLedger ledger) {
        this.sources = List.copyOf(inOrder);
        this.mode = Objects.requireNonNull(mode);
        this.scope = Objects.requireNonNull(scope);
        this.counters = Objects.requireNonNull(counters);
        this.ledger = Objects.requireNonNull(ledger);
    }

    public RevocationMode mode() {
        return mode;
    }

    public RevocationScope scope() {
        return scope;
    }

    /**
     * @param path the certification path, end entity first, trust anchor excluded
     * @param anchor the trust anchor, the issuer of the path's last certificate
     * @return never completes exceptionally
     */
    public CompletableFuture<RevocationDecision> check(List<X509Certificate> path, X509Certificate anchor) {
        if (mode == RevocationMode.OFF) {
            return CompletableFuture.completedFuture(RevocationDecision.off());
        }
        int checked = scope == RevocationScope.END_ENTITY ? Math.min(1, path.size()) : path.size();
        List<CompletableFuture<CertificateRevocation>> each = new ArrayList<>();
        for (int i = 0; i < checked; i++) {
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : anchor;
            each.add(check(new CertificateToCheck(path.get(i), issuer)));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> decide(each.stream().map(CompletableFuture::join).toList()));
    }

    /**
     * Asks the sources one after the other until one gives a definite answer, then the ledger. A permanent
     * revocation the ledger holds answers at once: no source can take it back.
     */
    private CompletableFuture<CertificateRevocation> check(CertificateToCheck cert) {
        Optional<RememberedRevocation> permanent = ledger.permanent(cert);
        if (permanent.isPresent()) {
            return CompletableFuture.completedFuture(new CertificateRevocation(cert.certificate(),
                    RevocationStatus.REVOKED, List.of(permanent.get().answer())));
        }
        FetchPolicy fetch = mode == RevocationMode.CACHED_ONLY ? FetchPolicy.CACHED_ONLY : FetchPolicy.NETWORK;
        CompletableFuture<List<SourceAnswer>> answers = CompletableFuture.completedFuture(List.of());
        for (RevocationSource source : sources) {
            answers = answers.thenCompose(sofar -> sofar.stream().anyMatch(a -> a.status().definite())
                    ? CompletableFuture.completedFuture(sofar)
                    : ask(source, cert, fetch).thenApply(answer -> append(sofar, answer)));
        }
        return answers.thenApply(all -> ledger.apply(cert, CertificateRevocation.of(cert.certificate(), all)));
    }

    /** A source that breaks its promise and throws or fails is treated as unavailable, never as an answer. */
    private static CompletableFuture<SourceAnswer> ask(RevocationSource source, CertificateToCheck cert,
                                                       FetchPolicy fetch) {
        CompletableFuture<SourceAnswer> answer;
        try {
            answer = source.check(cert, fetch);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((a, error) -> a != null ? a
                : SourceAnswer.unavailable(source.kind(), "-", "source failed: " + error));
    }

    private static List<SourceAnswer> append(List<SourceAnswer> sofar, SourceAnswer answer) {
        List<SourceAnswer> out = new ArrayList<>(sofar);
        out.add(answer);
        return out;
    }

    /** RFC 4556 3.2.3: revoked refuses in every mode; an undetermined status is up to the mode. */
    private RevocationDecision decide(List<CertificateRevocation> certificates) {
        RevocationStatus status = pathStatus(certificates);
        String decidedBy = RevocationDecision.decidedBy(status, certificates);
        if (status.definite()) {
            return new RevocationDecision(status == RevocationStatus.GOOD, status, decidedBy, certificates);
        }
        return switch (mode) {
            case SOFT_FAIL -> {
                counters.softFailAllowed.incrementAndGet();
                RevocationDecision d = new RevocationDecision(true, status, "mode=soft_fail", certificates);
                LOG.warn("revocation soft-fail: allowing although the {}", d.explanation());
                yield d;
            }
            case CACHED_ONLY -> {
                counters.cachedOnlyAllowed.incrementAndGet();
                RevocationDecision d = new RevocationDecision(true, status, "mode=cached_only", certificates);
                LOG.warn("revocation cached-only: allowing although the {}", d.explanation());
                yield d;
            }
            default -> new RevocationDecision(false, status, decidedBy, certificates);
        };
    }

    /** REVOKED if any certificate is revoked; else UNAVAILABLE over UNKNOWN over GOOD. */
    static RevocationStatus pathStatus(List<CertificateRevocation> certificates) {
        for (RevocationStatus worst : List.of(RevocationStatus.REVOKED, RevocationStatus.UNAVAILABLE,
                RevocationStatus.UNKNOWN)) {
            if (certificates.stream().anyMatch(c -> c.status() == worst)) {
                return worst;
            }
        }
        return certificates.isEmpty() ? RevocationStatus.UNKNOWN : RevocationStatus.GOOD;
    }
}
