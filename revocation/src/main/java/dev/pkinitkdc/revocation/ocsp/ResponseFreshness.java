package dev.pkinitkdc.revocation.ocsp;

import dev.pkinitkdc.revocation.GracePeriod;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a verified response may answer (RFC 6960 4.2.2.1, RFC 5019 4 "Ensuring an OCSPResponse is Fresh"): while
 * its nextUpdate has not passed it is current; within the grace period after that it is still usable. A response
 * to a request without a nonce is, besides, never used later than its thisUpdate plus the maximum age, grace or
 * not: nothing else binds it to the present, so a "good" signed before a revocation could otherwise be replayed
 * until its (possibly distant) nextUpdate.
 *
 * <p>thisUpdate, not producedAt, is the anchor: thisUpdate is when the status was last known to be correct (RFC
 * 6960 4.2.2.1), producedAt only when the responder signed it, and a responder may sign old status information
 * anew. OpenSSL's {@code -status_age} and Windows' revocation freshness time (CERT_REVOCATION_INFO dwFreshnessTime)
 * also measure from thisUpdate.
 *
 * @param maxAge absent when requests carry a nonce (the echoed nonce proves the response is fresh)
 */
record ResponseFreshness(GracePeriod grace, Optional<Duration> maxAge) {
    /** Where in a response's lifetime it is fetched again in the background (as CRLs are, at 80%). */
    static final double REFRESH_AT = 0.8;

    /** Neither past its nextUpdate nor older than the maximum age. */
    boolean current(VerifiedResponse response, Instant now) {
        return !now.isAfter(stale(response));
    }

    /** Current, or expired but within grace, and never older than the maximum age. */
    boolean usable(VerifiedResponse response, Instant now) {
        return grace.covers(response.expires(), now) && !tooOld(response, now);
    }

    /** Whether its thisUpdate lies further back than the maximum age (for requests without a nonce). */
    boolean tooOld(VerifiedResponse response, Instant now) {
        return maxAge.map(age -> now.isAfter(response.thisUpdate().plus(age))).orElse(false);
    }

    /** When it stops being current: its nextUpdate, or thisUpdate + the maximum age if that comes first. */
    Instant stale(VerifiedResponse response) {
        Instant expires = response.expires();
        return maxAge.map(age -> response.thisUpdate().plus(age)).filter(old -> old.isBefore(expires))
                .orElse(expires);
    }

    /** When to fetch a newer one: 80% of the way from thisUpdate to {@link #stale}. */
    Instant refreshAt(VerifiedResponse response) {
        Duration lifetime = Duration.between(response.thisUpdate(), stale(response));
        return response.thisUpdate().plusMillis((long) (Math.max(0, lifetime.toMillis()) * REFRESH_AT));
    }
}
