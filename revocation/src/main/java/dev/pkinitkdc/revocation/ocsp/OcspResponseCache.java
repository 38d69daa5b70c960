package dev.pkinitkdc.revocation.ocsp;

import dev.pkinitkdc.revocation.RevocationStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verified responses per CertID (RFC 5019 6 spirit): the newest one is kept while it is usable (current, or
 * within grace, and not older than the maximum age), after which it can answer nothing and is dropped. A REVOKED
 * response is the exception: it is kept, and answers, until a newer current GOOD response replaces it; no older,
 * expired or "unknown" response ever takes its place (a revocation the KDC has verified is not forgotten because
 * the responder went quiet).
 */
final class OcspResponseCache {
    /** How many stores between two sweeps for unusable entries. */
    static final int SWEEP_EVERY = 256;

    private final ConcurrentHashMap<CertId, VerifiedResponse> responses = new ConcurrentHashMap<>();
    private final AtomicLong stores = new AtomicLong();
    private final ResponseFreshness freshness;

    OcspResponseCache(ResponseFreshness freshness) {
        this.freshness = freshness;
    }

    /** The response held for {@code id}: usable at {@code now}, or a REVOKED one however old. */
    Optional<VerifiedResponse> get(CertId id, Instant now) {
        VerifiedResponse response = responses.get(id);
        if (response == null) {
            return Optional.empty();
        }
        if (!kept(response, now)) {
            responses.remove(id, response);
            return Optional.empty();
        }
        return Optional.of(response);
    }

    /** Keeps the newer of {@code response} and the one held, a held revocation before anything but a newer GOOD. */
    void store(CertId id, VerifiedResponse response, Instant now) {
        responses.merge(id, response, (held, offered) -> replaces(offered, held, now) ? offered : held);
        if (stores.incrementAndGet() % SWEEP_EVERY == 0) {
            responses.entrySet().removeIf(entry -> !kept(entry.getValue(), now));
        }
    }

    private boolean replaces(VerifiedResponse offered, VerifiedResponse held, Instant now) {
        boolean heldRevoked = held.status() == RevocationStatus.REVOKED;
        boolean offeredRevoked = offered.status() == RevocationStatus.REVOKED;
        if (heldRevoked && !offeredRevoked) {
            return offered.status() == RevocationStatus.GOOD && offered.thisUpdate().isAfter(held.thisUpdate())
                    && freshness.current(offered, now);
        }
        if (offeredRevoked && !heldRevoked) {
            return true;
        }
        return !offered.thisUpdate().isBefore(held.thisUpdate());
    }

    int size() {
        return responses.size();
    }

    private boolean kept(VerifiedResponse response, Instant now) {
        return response.status() == RevocationStatus.REVOKED || freshness.usable(response, now);
    }
}
