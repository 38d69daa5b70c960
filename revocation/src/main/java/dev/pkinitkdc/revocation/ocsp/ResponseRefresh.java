package dev.pkinitkdc.revocation.ocsp;

import dev.pkinitkdc.revocation.CertificateToCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Background refresh of the responses logons use (RFC 5019 6.1 spirit: a cache refreshed before nextUpdate), so
 * that a logon rarely waits for a responder and a revocation is learnt without one: every CertID checked in the
 * last hour (at most {@link #MAX_TRACKED}) is fetched again at 80% of its response's lifetime (to nextUpdate or
 * the maximum age), or at once when nothing usable is held; after a failure, or an answer no newer than the held
 * one, again after a backoff of 2 s doubling up to 10 minutes. At most {@link #MAX_RUNNING} refreshes run at once.
 * {@link #tick} runs periodically on the source's scheduler; every step is bounded by the tracked count.
 */
final class ResponseRefresh {
    static final int MAX_TRACKED = 10_000;
    static final Duration USED_WITHIN = Duration.ofHours(1);
    static final int MAX_RUNNING = 8;
    static final Duration MIN_BACKOFF = Duration.ofSeconds(2);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    /**
     * @param notBefore no attempt before this (a backoff), or {@link Instant#MIN}
     */
    private record Tracked(CertificateToCheck certificate, Instant lastUsed, Instant notBefore, int failures) {
    }

    private final ConcurrentHashMap<CertId, Tracked> tracked = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong ticks = new AtomicLong();
    private final Clock clock;
    private final ResponseFreshness freshness;
    private final BiFunction<CertId, Instant, Optional<VerifiedResponse>> held;
    private final Function<CertificateToCheck, CompletableFuture<?>> fetch;

    /**
     * @param held the response the cache holds for a CertID at an instant
     * @param fetch fetches (and caches) a response about a certificate; completes when that is done
     */
    ResponseRefresh(Clock clock, ResponseFreshness freshness,
                    BiFunction<CertId, Instant, Optional<VerifiedResponse>> held,
                    Function<CertificateToCheck, CompletableFuture<?>> fetch) {
        this.clock = clock;
        this.freshness = freshness;
        this.held = held;
        this.fetch = fetch;
    }

    /** A logon checked {@code certificate}: keep its response fresh for the next hour. */
    void used(CertId id, CertificateToCheck certificate, Instant now) {
        if (!tracked.containsKey(id) && tracked.size() >= MAX_TRACKED) {
            tracked.values().removeIf(entry -> unused(entry, now));
            if (tracked.size() >= MAX_TRACKED) {
                return;
            }
        }
        tracked.merge(id, new Tracked(certificate, now, Instant.MIN, 0),
                (old, fresh) -> new Tracked(certificate, now, old.notBefore(), old.failures()));
    }

    /** Starts the refreshes that are due; drops CertIDs not used in the last hour. */
    void tick() {
        ticks.incrementAndGet();
        Instant now = clock.instant();
        for (Map.Entry<CertId, Tracked> entry : tracked.entrySet()) {
            Tracked t = entry.getValue();
            if (unused(t, now)) {
                tracked.remove(entry.getKey(), t);
            } else if (due(entry.getKey(), t, now) && running.get() < MAX_RUNNING) {
                start(entry.getKey(), t, now);
            }
        }
    }

    private boolean due(CertId id, Tracked t, Instant now) {
        if (now.isBefore(t.notBefore())) {
            return false;
        }
        return held.apply(id, now).map(response -> !now.isBefore(freshness.refreshAt(response))).orElse(true);
    }

    private void start(CertId id, Tracked t, Instant now) {
        Optional<Instant> before = held.apply(id, now).map(VerifiedResponse::thisUpdate);
        running.incrementAndGet();
        // marked first, so that the next tick does not start it again while it runs
        tracked.computeIfPresent(id, (k, old) -> withBackoff(old, old.failures() + 1, now));
        CompletableFuture<?> done;
        try {
            done = fetch.apply(t.certificate());
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((result, failure) -> {
            running.decrementAndGet();
            Instant after = clock.instant();
            boolean newer = held.apply(id, after).map(VerifiedResponse::thisUpdate)
                    .filter(update -> before.map(update::isAfter).orElse(true)).isPresent();
            if (newer) {
                tracked.computeIfPresent(id, (k, old) -> new Tracked(old.certificate(), old.lastUsed(),
                        after.plus(MIN_BACKOFF), 0));
            }
        });
    }

    /** Backed off after {@code failures} attempts that gave nothing newer: 2 s doubling, at most 10 minutes. */
    private static Tracked withBackoff(Tracked t, int failures, Instant now) {
        return new Tracked(t.certificate(), t.lastUsed(), now.plus(backoff(failures)), failures);
    }

    static Duration backoff(int failures) {
        Duration delay = MIN_BACKOFF.multipliedBy(1L << Math.min(Math.max(failures, 1) - 1, 20));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    private static boolean unused(Tracked t, Instant now) {
        return t.lastUsed().plus(USED_WITHIN).isBefore(now);
    }

    int tracked() {
        return tracked.size();
    }

    long ticks() {
        return ticks.get();
    }
}
