package dev.pkinitkdc.revocation.ocsp;

import dev.pkinitkdc.revocation.SingleFlight;
import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationSource;
import dev.pkinitkdc.revocation.RevocationStatus;
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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OCSP (RFC 6960) against the configured responder or the certificate's AIA URL, with a response cache per
 * CertID, one in-flight request per CertID, and expired responses used within the grace period when the
 * responder fails. {@link #check} never blocks: a cached answer completes at once, anything else when the
 * request is answered or its timeout passes.
 */
public final class OcspSource implements RevocationSource, AutoCloseable {
    static final String KIND = "ocsp";
    /** OCSP responses are small (RFC 6960 4.2.1); anything bigger is not one. */
    static final long MAX_RESPONSE_BYTES = 1 << 20;
    static final int THREADS = 2;
    private static final String CLOSED = "OCSP source is closed";
    private static final Logger LOG = LoggerFactory.getLogger(OcspSource.class);

    private final OcspOptions options;
    private final Clock clock;
    private final RevocationCounters counters;
    private final OcspResponderLocation location;
    private final OcspResponseCache cache;
    private final SingleFlight<CertId, FetchOutcome> inFlight = new SingleFlight<>();
    private final ExecutorService executor;
    private final OcspClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    public OcspSource(OcspOptions options, Clock clock, RevocationCounters counters) {
        this.options = options;
        this.clock = clock;
        this.counters = counters;
        this.location = new OcspResponderLocation(options.responder());
        this.cache = new OcspResponseCache(options.grace());
        this.executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        this.client = new OcspClient(new HttpFetch(options.timeout(), MAX_RESPONSE_BYTES, executor, options.http()), options.nonce(),
                clock, counters, executor);
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
        Optional<VerifiedResponse> cached = cache.get(id, now);
        if (cached.isPresent() && cached.get().current(now)) {
            counters.ocspCacheHits.increment();
            return CompletableFuture.completedFuture(cached.get().answer("from cache; " + cached.get().signer(),
                    false));
        }
        counters.ocspCacheMisses.increment();
        Optional<URI> responder = location.of(certificate.certificate());
        if (fetch == FetchPolicy.CACHED_ONLY) {
            String where = responder.map(URI::toString).orElse("-");
            return CompletableFuture.completedFuture(cached.map(r -> withinGrace(id, r, "only cached answers allowed"))
                    .orElseGet(() -> SourceAnswer.unknown(KIND, where, "no cached OCSP response for " + id
                            + " and only cached answers allowed")));
        }
        if (responder.isEmpty()) {
            return CompletableFuture.completedFuture(SourceAnswer.unknown(KIND, "-",
                    "no OCSP responder: none configured and no AIA id-ad-ocsp URL in the certificate"));
        }
        return inFlight.join(id, () -> client.fetch(responder.get(), certificate).thenApply(outcome -> {
            if (outcome instanceof FetchOutcome.Verified verified) {
                cache.store(id, verified.response(), clock.instant());
            }
            return outcome;
        })).thenApply(outcome -> decide(id, outcome));
    }

    /** A current fetched response answers; otherwise the newest cached one within grace; otherwise the failure. */
    private SourceAnswer decide(CertId id, FetchOutcome outcome) {
        Instant now = clock.instant();
        FetchOutcome.Failed failure;
        if (outcome instanceof FetchOutcome.Verified verified) {
            if (verified.response().current(now)) {
                return verified.response().answer(verified.response().signer(), false);
            }
            failure = expired(verified.response());
        } else {
            failure = (FetchOutcome.Failed) outcome;
        }
        return cache.get(id, now).map(r -> withinGrace(id, r, failure.detail())).orElseGet(failure::answer);
    }

    /**
     * A fetched response whose nextUpdate has passed cannot say anything current: UNKNOWN, as for a CRL expired
     * beyond grace (the responder was reached, but it cannot establish a current status).
     */
    private static FetchOutcome.Failed expired(VerifiedResponse response) {
        return new FetchOutcome.Failed(response.responder(), RevocationStatus.UNKNOWN,
                "responder sent a response that expired at " + response.expires());
    }

    /** An expired response used within grace: one WARN line and a count, every time. */
    private SourceAnswer withinGrace(CertId id, VerifiedResponse response, String why) {
        if (response.current(clock.instant())) {
            return response.answer("from cache; " + response.signer(), false);
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

    private static String hours(Duration length) {
        return length.toMinutesPart() == 0 && length.toSecondsPart() == 0 ? length.toHours() + " h" : length.toString();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "ocsp-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Ends the source: running checks complete UNAVAILABLE at once, later ones are refused the same way. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            inFlight.abandonAll(new IllegalStateException(CLOSED));
            executor.shutdownNow();
        }
    }
}
