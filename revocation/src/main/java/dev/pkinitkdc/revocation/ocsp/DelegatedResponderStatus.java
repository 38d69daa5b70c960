package dev.pkinitkdc.revocation.ocsp;

import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.RevocationSource;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.SingleFlight;
import dev.pkinitkdc.revocation.SourceAnswer;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RFC 6960 4.2.2.2.1: a delegated responder's certificate without id-pkix-ocsp-nocheck is itself checked for
 * revocation before its responses are believed, by another source (the KDC gives a CRL source: the certificate's
 * own CRL distribution points, signed by the same CA). Never by OCSP, which would ask the responder about itself.
 * A revoked responder certificate, or one whose status cannot be established (no CDP, CDP down, CRL expired),
 * makes its responses unusable: UNAVAILABLE, never GOOD.
 *
 * <p>The answer is the same for every response the responder signs, so it is kept per responder certificate: a
 * GOOD one until the CRL's nextUpdate but at most {@link #RECHECK}, a REVOKED one for good; at most
 * {@link #MAX_RESPONDERS} certificates, one check in flight per certificate.
 */
final class DelegatedResponderStatus {
    static final Duration RECHECK = Duration.ofHours(1);
    static final int MAX_RESPONDERS = 64;

    /** A source for when none is given: a responder certificate's status is then never established. */
    static final RevocationSource NONE = new RevocationSource() {
        @Override
        public String kind() {
            return "none";
        }

        @Override
        public CompletableFuture<SourceAnswer> check(CertificateToCheck certificate, FetchPolicy fetch) {
            return CompletableFuture.completedFuture(SourceAnswer.unknown(kind(), "-",
                    "no source is configured to check an OCSP responder certificate"));
        }
    };

    private record Known(SourceAnswer answer, Instant until) {
    }

    private final RevocationSource source;
    private final Clock clock;
    private final ConcurrentHashMap<X509Certificate, Known> known = new ConcurrentHashMap<>();
    private final SingleFlight<X509Certificate, SourceAnswer> inFlight = new SingleFlight<>();

    DelegatedResponderStatus(RevocationSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** {@code response} with its signer checked, or why it cannot be used (UNAVAILABLE). */
    CompletableFuture<FetchOutcome> checked(VerifiedResponse response, X509Certificate issuer) {
        if (response.uncheckedResponder().isEmpty()) {
            return CompletableFuture.completedFuture(new FetchOutcome.Verified(response));
        }
        X509Certificate responder = response.uncheckedResponder().get();
        return status(responder, issuer).thenApply(answer -> outcome(response, responder, answer));
    }

    private CompletableFuture<SourceAnswer> status(X509Certificate responder, X509Certificate issuer) {
        Known held = known.get(responder);
        if (held != null && !clock.instant().isAfter(held.until())) {
            return CompletableFuture.completedFuture(held.answer());
        }
        return inFlight.join(responder, () -> source.check(new CertificateToCheck(responder, issuer),
                FetchPolicy.NETWORK).exceptionally(failure -> SourceAnswer.unavailable(source.kind(), "-",
                "check failed: " + failure)).thenApply(answer -> remember(responder, answer)));
    }

    private SourceAnswer remember(X509Certificate responder, SourceAnswer answer) {
        Instant now = clock.instant();
        Instant until = switch (answer.status()) {
            case REVOKED -> Instant.MAX;
            case GOOD -> answer.nextUpdate().filter(next -> next.isBefore(now.plus(RECHECK)))
                    .orElse(now.plus(RECHECK));
            default -> null;
        };
        if (until != null) {
            if (known.size() >= MAX_RESPONDERS) {
                known.clear();
            }
            known.put(responder, new Known(answer, until));
        }
        return answer;
    }

    private static FetchOutcome outcome(VerifiedResponse response, X509Certificate responder, SourceAnswer answer) {
        String who = "delegated responder " + ResponderAuthorization.name(responder);
        String by = answer.kind() + " " + answer.location();
        if (answer.status() == RevocationStatus.GOOD) {
            return new FetchOutcome.Verified(response.responderChecked("its certificate is good by " + by));
        }
        String why = answer.status() == RevocationStatus.REVOKED
                ? "certificate is revoked (" + by + answer.revoked().map(r -> ", " + r.reason()).orElse("") + ")"
                : "certificate's own revocation status cannot be established (" + by + ": " + answer.detail()
                + ")";
        return new FetchOutcome.Failed(response.responder(), RevocationStatus.UNAVAILABLE,
                "response signed by " + who + " whose " + why + "; RFC 6960 4.2.2.2.1");
    }
}
