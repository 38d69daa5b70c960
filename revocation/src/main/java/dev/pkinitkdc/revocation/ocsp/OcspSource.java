package dev.pkinitkdc.revocation.ocsp;

import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationSource;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.SingleFlight;
import dev.pkinitkdc.revocation.SourceAnswer;
import dev.pkinitkdc.revocation.http.HttpFetch;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OCSP (RFC 6960) against the configured responder or the certificate's AIA URL, with a response cache per
 * CertID, one in-flight request per CertID, and expired responses used within the grace period when the
 * responder fails. Responses to requests without a nonce are not used past thisUpdate + the maximum age
 * ({@link ResponseFreshness}); a delegated responder's own certificate is checked by another source
 * ({@link DelegatedResponderStatus}); a held revocation is not forgotten ({@link OcspResponseCache}); the
 * responses logons used are refreshed in the background ({@link ResponseRefresh}). {@link #check} never blocks:
 * a cached answer completes at once, anything else when the request is answered or its timeout passes.
 */
public final class OcspSource implements RevocationSource, AutoCloseable {
    static final String KIND = "ocsp";
    /** OCSP responses are small (RFC 6960 4.2.1); anything bigger is not one. */
    static final long MAX_RESPONSE_BYTES = 1 << 20;
    static final int THREADS = 2;
    /** How often the background refresh looks for responses due for a refresh. */
    static final Duration REFRESH_TICK = Duration.ofSeconds(5);
    private static final String CLOSED = "OCSP source is closed";
    private static final Logger LOG = LoggerFactory.getLogger(OcspSource.class);

    private final OcspOptions options;
    private final Clock clock;
    private final RevocationCounters counters;
    private final OcspResponderLocation location;
    private final ResponseFreshness freshness;
    private final OcspResponseCache cache;
    private final ResponseRefresh refresh;
    private final ScheduledExecutorService scheduler;
    private final SingleFlight<CertId, FetchOutcome> inFlight = new SingleFlight<>();
    private final ExecutorService executor;
    private final OcspClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Without a source for delegated responders' own status: their responses are unusable, unless nocheck. */
    public OcspSource(OcspOptions options, Clock clock, RevocationCounters counters) {
        this(options, clock, counters, DelegatedResponderStatus.NONE);
    }

    /**
     * @param responderStatus checks a delegated responder's certificate (RFC 6960 4.2.2.2.1); must not be OCSP
     *                        (a CRL source), which could ask the responder about itself
     */
    public OcspSource(OcspOptions options, Clock clock, RevocationCounters counters,
                      RevocationSource responderStatus) {
        this(options, clock, counters, responderStatus, REFRESH_TICK);
    }

    OcspSource(OcspOptions options, Clock clock, RevocationCounters counters, RevocationSource responderStatus,
               Duration refreshTick) {
        this.options = options;
        this.clock = clock;
        this.counters = counters;
        this.location = new OcspResponderLocation(options.responder());
        this.freshness = new ResponseFreshness(options.grace(),
                options.nonce() ? Optional.empty() : Optional.of(options.maxAge()));
        this.cache = new OcspResponseCache(freshness);
        this.executor = Executors.newFixedThreadPool(THREADS, daemonThreads("ocsp-"));
        this.client = new OcspClient(new HttpFetch(options.timeout(), MAX_RESPONSE_BYTES, executor, options.http()),
                options.nonce(),
                clock, counters, executor, new DelegatedResponderStatus(responderStatus, clock));
        this.refresh = new ResponseRefresh(clock, freshness, cache::get, this::refetch);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("ocsp-refresh-"));
        scheduler.scheduleWithFixedDelay(refresh::tick, refreshTick.toMillis(), refreshTick.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletableFuture<SourceAnswer> check(CertificateToCheck certificate, FetchPolicy fetch) {
        try {
            return answer(certificate, fetch).exceptionally(failure -> unavailable("-", failure));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(unavailable("-", e));
        }
    }

    private CompletableFuture<SourceAnswer> answer(CertificateToCheck certificate, FetchPolicy fetch) {
        if (closed.get()) {
            return CompletableFuture.completedFuture(SourceAnswer.unavailable(KIND, "-", CLOSED));
        }
        CertId id = CertId.of(CertId.requestId(certificate));
        Instant now = clock.instant();
        refresh.used(id, certificate, now);
        Optional<VerifiedResponse> cached = cache.get(id, now);
        if (cached.isPresent() && freshness.current(cached.get(), now)) {
            counters.ocspCacheHits.increment();
            return CompletableFuture.completedFuture(cached.get().answer("from cache; " + cached.get().signer(),
                    false));
        }
        counters.ocspCacheMisses.increment();
        Optional<URI> responder = location.of(certificate.certificate());
        if (fetch == FetchPolicy.CACHED_ONLY) {
            // never block a logon on a fetch, but start one, so the next logon finds the response cached
            responder.ifPresent(uri -> fetch(id, uri, certificate));
            String where = responder.map(URI::toString).orElse("-");
            String why = responder.isPresent() ? "only cached answers allowed; fetching one in the background"
                    : "only cached answers allowed";
            return CompletableFuture.completedFuture(cached.map(r -> withinGrace(id, r, why))
                    .orElseGet(() -> SourceAnswer.unknown(KIND, where, "no cached OCSP response for " + id
                            + " (" + why + ")")));
        }
        if (responder.isEmpty()) {
            return CompletableFuture.completedFuture(SourceAnswer.unknown(KIND, "-",
                    "no OCSP responder: none configured and no AIA id-ad-ocsp URL in the certificate"));
        }
        return fetch(id, responder.get(), certificate).thenApply(outcome -> decide(id, outcome));
    }

    /** One request per CertID at a time; a verified response goes to the cache. */
    private CompletableFuture<FetchOutcome> fetch(CertId id, URI responder, CertificateToCheck certificate) {
        return inFlight.join(id, () -> client.fetch(responder, certificate).thenApply(outcome -> {
            if (outcome instanceof FetchOutcome.Verified verified) {
                cache.store(id, verified.response(), clock.instant());
            }
            return outcome;
        }));
    }

    /** A background refresh: the same request a logon would make, that no logon waits for. */
    private CompletableFuture<?> refetch(CertificateToCheck certificate) {
        Optional<URI> responder = location.of(certificate.certificate());
        return responder.isEmpty() || closed.get() ? CompletableFuture.completedFuture(null)
                : fetch(CertId.of(CertId.requestId(certificate)), responder.get(), certificate);
    }

    /**
     * The fetched response answers if it is current and is what the cache now holds (not older than a held one,
     * not a GOOD that a held revocation outranks); otherwise the held one, current, within grace or revoked;
     * otherwise the failure.
     */
    private SourceAnswer decide(CertId id, FetchOutcome outcome) {
        Instant now = clock.instant();
        Optional<VerifiedResponse> held = cache.get(id, now);
        FetchOutcome.Failed failure;
        if (outcome instanceof FetchOutcome.Verified verified) {
            VerifiedResponse fetched = verified.response();
            boolean current = freshness.current(fetched, now);
            if (current && held.filter(h -> h == fetched).isPresent()) {
                return fetched.answer(fetched.signer(), false);
            }
            failure = current ? new FetchOutcome.Failed(fetched.responder(), RevocationStatus.UNKNOWN,
                    "responder sent a response of " + fetched.thisUpdate() + " that a held one outranks")
                    : notCurrent(fetched, now);
        } else {
            failure = (FetchOutcome.Failed) outcome;
        }
        return held.map(r -> withinGrace(id, r, failure.detail())).orElseGet(failure::answer);
    }

    /**
     * A fetched response whose nextUpdate has passed, or older than the maximum age, cannot say anything current:
     * UNKNOWN, as for a CRL expired beyond grace (the responder was reached, but it cannot establish a current
     * status).
     */
    private FetchOutcome.Failed notCurrent(VerifiedResponse response, Instant now) {
        String why = freshness.tooOld(response, now) ? "responder sent a response whose thisUpdate "
                + response.thisUpdate() + " is older than ocsp_max_age " + age(options.maxAge())
                + " (requests carry no nonce)" : "responder sent a response that expired at " + response.expires();
        return new FetchOutcome.Failed(response.responder(), RevocationStatus.UNKNOWN, why);
    }

    /**
     * A held response that is not current: within grace, one WARN line and a count, every time; a revocation
     * beyond grace or maximum age still answers REVOKED (a held revocation is not forgotten).
     */
    private SourceAnswer withinGrace(CertId id, VerifiedResponse response, String why) {
        Instant now = clock.instant();
        if (freshness.current(response, now)) {
            return response.answer("from cache; " + response.signer(), false);
        }
        if (!freshness.usable(response, now)) {
            LOG.info("OCSP response for {} from {} says revoked; kept although no longer current ({})", id,
                    response.responder(), why);
            return response.answer("revoked by a response that is no longer current (thisUpdate "
                    + response.thisUpdate() + "), kept until a newer response says otherwise (" + why + "); "
                    + response.signer(), false);
        }
        counters.ocspGraceUses.incrementAndGet();
        String grace = hours(options.grace().length());
        LOG.warn("OCSP response for {} from {} expired at {}, used within grace of {} ({})", id,
                response.responder(), response.expires(), grace, why);
        return response.answer("expired at " + response.expires() + ", used within grace of " + grace + " ("
                + why + "); " + response.signer(), true);
    }

    private SourceAnswer unavailable(String where, Throwable failure) {
        if (closed.get()) {
            return SourceAnswer.unavailable(KIND, where, CLOSED);
        }
        LOG.warn("OCSP check failed unexpectedly", failure);
        return SourceAnswer.unavailable(KIND, where, "OCSP check failed: " + failure);
    }

    private static String age(Duration length) {
        return length.toHoursPart() == 0 && length.toMinutesPart() == 0 && length.toSecondsPart() == 0
                ? length.toDays() + " d" : hours(length);
    }

    private static String hours(Duration length) {
        return length.toMinutesPart() == 0 && length.toSecondsPart() == 0 ? length.toHours() + " h" : length.toString();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    ResponseRefresh refresh() {
        return refresh;
    }

    /** Ends the source: running checks complete UNAVAILABLE at once, later ones are refused the same way. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            scheduler.shutdownNow();
            inFlight.abandonAll(new IllegalStateException(CLOSED));
            executor.shutdownNow();
        }
    }
}
