package dev.pkinitkdc.revocation.crl;

import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.SingleFlight;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CRLs of distribution point URLs (complete and delta alike): in memory by URL, on disk when a cache folder is
 * configured (read back lazily on the first use of a URL after a start), downloaded once for any number of
 * concurrent checks (single-flight), and refreshed in the background at 80% of their lifetime, with backoff on
 * failure while the old CRL keeps serving. A downloaded CRL replaces the held one only when it is newer
 * (cRLNumber, then thisUpdate), so a CRL replaced at the distribution point is picked up without a restart.
 */
final class CrlCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CrlCache.class);
    static final Duration MIN_REFRESH = Duration.ofSeconds(2);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private static final Duration NO_NEXT_UPDATE_REFRESH = Duration.ofHours(1);
    private static final double REFRESH_AT = 0.8;

    /**
     * What a check can use for one URL.
     *
     * @param crl the current CRL, or an old one when the download failed, or none
     * @param failure why the download failed, when one was tried and failed
     */
    record Obtained(Optional<HeldCrl> crl, Optional<String> failure) {
    }

    private record Held(HeldCrl crl, X509Certificate issuer) {
    }

    private final RevocationCounters counters;
    private final CrlFetcher fetcher;
    private final Optional<CrlDiskCache> disk;
    private final Clock clock;
    private final Executor work;
    private final ScheduledExecutorService scheduler;
    private final ConcurrentHashMap<String, Held> memory = new ConcurrentHashMap<>();
    private final SingleFlight<String, HeldCrl> inFlight = new SingleFlight<>();
    private final ConcurrentHashMap<String, ScheduledFuture<?>> refreshes = new ConcurrentHashMap<>();
    private final Set<String> readFromDisk = ConcurrentHashMap.newKeySet();

    CrlCache(CrlFetcher fetcher, Optional<CrlDiskCache> disk, Clock clock, Executor work,
             ScheduledExecutorService scheduler, RevocationCounters counters) {
        this.counters = counters;
        this.fetcher = fetcher;
        this.disk = disk;
        this.clock = clock;
        this.work = work;
        this.scheduler = scheduler;
    }

    /** The CRL of {@code url}: a current held one, else (policy permitting) a download, else the old one. */
    CompletableFuture<Obtained> obtain(String url, X509Certificate issuer, FetchPolicy policy) {
        return held(url, issuer).thenCompose(held -> {
            if (held.isPresent() && held.get().crl().currentAt(clock.instant())) {
                counters.crlCacheHits.increment();
                return CompletableFuture.completedFuture(new Obtained(held, Optional.empty()));
            }
            counters.crlCacheMisses.increment();
            if (policy == FetchPolicy.CACHED_ONLY) {
                // never block a logon on a download, but start one, so the next logon finds the CRL held
                download(url, issuer).whenComplete((fresh, failure) -> {
                    if (failure != null) {
                        LOG.warn("background download of CRL {} for a cached_only check failed: {}", url,
                                fetcher.describe(failure));
                    }
                });
                return CompletableFuture.completedFuture(new Obtained(held, Optional.empty()));
            }
            return download(url, issuer).handle((fresh, failure) -> failure == null
                    ? new Obtained(Optional.of(fresh), Optional.empty())
                    : new Obtained(held, Optional.of(fetcher.describe(failure))));
        });
    }

    /** The CRL held in memory, or, the first time a URL is used after a start, the one on disk. */
    private CompletableFuture<Optional<HeldCrl>> held(String url, X509Certificate issuer) {
        Held held = memory.get(url);
        if (held != null) {
            return CompletableFuture.completedFuture(Optional.of(held.crl()));
        }
        if (disk.isEmpty() || !readFromDisk.add(url)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return CompletableFuture.supplyAsync(() -> fromDisk(url, issuer), work);
    }

    private Optional<HeldCrl> fromDisk(String url, X509Certificate issuer) {
        try {
            Optional<byte[]> bytes = disk.get().load(url);
            if (bytes.isEmpty()) {
                return Optional.empty();
            }
            HeldCrl loaded = keep(url, issuer, bytes.get(), false);
            LOG.info("CRL {} read from the disk cache {}: {}", url, disk.get().file(url), loaded.crl().summary());
            return Optional.of(loaded);
        } catch (IOException | UnusableCrlException e) {
            LOG.warn("CRL {}: the disk cache copy {} is unusable: {}", url, disk.get().file(url), e.getMessage());
            return Optional.empty();
        }
    }

    /** Downloads {@code url} once for all concurrent callers; parses, verifies and keeps it if newer. */
    CompletableFuture<HeldCrl> download(String url, X509Certificate issuer) {
        return inFlight.join(url, () -> fetcher.get(url).thenApplyAsync(bytes -> {
            try {
                return keep(url, issuer, bytes, true);
            } catch (UnusableCrlException e) {
                throw new CompletionException(new UnusableCrlException(url + ": " + e.getMessage(), e));
            }
        }, work));
    }

    /** Parses and verifies {@code bytes}; keeps them unless the held CRL is as new; returns the CRL to use. */
    private HeldCrl keep(String url, X509Certificate issuer, byte[] bytes, boolean downloaded)
            throws UnusableCrlException {
        CertificateList crl = CertificateList.parse(bytes);
        crl.verify(issuer);
        if (crl.issuedAfter(clock.instant())) { // never let it replace the held CRL either
            throw new UnusableCrlException("thisUpdate " + crl.thisUpdate() + " is in the future");
        }
        HeldCrl fresh = new HeldCrl(url, crl);
        Held replaced = memory.compute(url, (u, old) -> old == null || crl.newerThan(old.crl().crl())
                ? new Held(fresh, issuer) : old);
        if (replaced.crl() != fresh) {
            return replaced.crl();
        }
        if (downloaded) {
            LOG.info("CRL {} downloaded: {}", url, crl.summary());
            disk.ifPresent(d -> store(d, url, bytes));
        }
        scheduleRefresh(url, 0);
        return fresh;
    }

    private static void store(CrlDiskCache disk, String url, byte[] bytes) {
        try {
            disk.store(url, bytes);
        } catch (IOException e) {
            LOG.warn("CRL {}: cannot write the disk cache copy {}: {}", url, disk.file(url), e.toString());
        }
    }

    /** Next refresh: at 80% of the CRL's lifetime, or after a backoff of 2 s doubling per failure, up to 10 min. */
    private void scheduleRefresh(String url, int failures) {
        Held held = memory.get(url);
        if (held == null || scheduler.isShutdown()) {
            return;
        }
        Duration delay = failures > 0 ? backoff(failures) : untilRefresh(held.crl().crl(), clock.instant());
        try {
            ScheduledFuture<?> next = scheduler.schedule(() -> refresh(url, failures), delay.toMillis(),
                    TimeUnit.MILLISECONDS);
            ScheduledFuture<?> previous = refreshes.put(url, next);
            if (previous != null) {
                previous.cancel(false);
            }
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    static Duration untilRefresh(CertificateList crl, Instant now) {
        if (crl.nextUpdate().isEmpty()) {
            return NO_NEXT_UPDATE_REFRESH;
        }
        Duration lifetime = Duration.between(crl.thisUpdate(), crl.nextUpdate().get());
        Instant at = crl.thisUpdate().plusMillis((long) (lifetime.toMillis() * REFRESH_AT));
        Duration delay = Duration.between(now, at);
        return delay.compareTo(MIN_REFRESH) < 0 ? MIN_REFRESH : delay;
    }

    static Duration backoff(int failures) {
        Duration delay = MIN_REFRESH.multipliedBy(1L << Math.min(failures - 1, 20));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    private void refresh(String url, int failures) {
        Held held = memory.get(url);
        if (held == null) {
            return;
        }
        download(url, held.issuer()).whenComplete((fresh, failure) -> {
            if (failure != null) {
                Duration retry = backoff(failures + 1);
                LOG.warn("background refresh of CRL {} failed ({}), retrying in {} s; the held CRL keeps serving",
                        url, fetcher.describe(failure), retry.toSeconds());
                scheduleRefresh(url, failures + 1);
            } else if (fresh == held.crl()) {
                scheduleRefresh(url, failures + 1); // the distribution point still serves the same CRL
            }
        });
    }

    @Override
    public void close() {
        refreshes.values().forEach(refresh -> refresh.cancel(false));
    }
}
