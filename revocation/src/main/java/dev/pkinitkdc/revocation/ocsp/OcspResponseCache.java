package dev.pkinitkdc.revocation.ocsp;

import dev.pkinitkdc.revocation.GracePeriod;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verified responses per CertID (RFC 5019 6 spirit): the newest one is kept until its nextUpdate plus the grace
 * period, after which it can answer nothing and is dropped.
 */
final class OcspResponseCache {
    /** How many stores between two sweeps for unusable entries. */
    static final int SWEEP_EVERY = 256;

    private final ConcurrentHashMap<CertId, VerifiedResponse> responses = new ConcurrentHashMap<>();
    private final AtomicLong stores = new AtomicLong();
    private final GracePeriod grace;

    OcspResponseCache(GracePeriod grace) {
        this.grace = grace;
    }

    /** The newest response held for {@code id} that is still current or within grace at {@code now}. */
    Optional<VerifiedResponse> get(CertId id, Instant now) {
        VerifiedResponse response = responses.get(id);
        if (response == null) {
            return Optional.empty();
        }
        if (!usable(response, now)) {
            responses.remove(id, response);
            return Optional.empty();
        }
        return Optional.of(response);
    }

    /** Keeps {@code response} unless a response with a later thisUpdate is already held. */
    void store(CertId id, VerifiedResponse response, Instant now) {
        responses.merge(id, response, (held, offered) ->
                offered.thisUpdate().isBefore(held.thisUpdate()) ? held : offered);
        if (stores.incrementAndGet() % SWEEP_EVERY == 0) {
            responses.entrySet().removeIf(entry -> !usable(entry.getValue(), now));
        }
    }

    int size() {
        return responses.size();
    }

    private boolean usable(VerifiedResponse response, Instant now) {
        return grace.covers(response.expires(), now);
    }
}
