package dev.pkinitkdc.revocation.ocsp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.GracePeriod;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.SourceAnswer;
import dev.pkinitkdc.revocation.testing.FixedHttpServer;
import dev.pkinitkdc.revocation.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How long responses answer, against a real HTTP server serving responses signed in the test: the maximum age of
 * nonce-less responses, held revocations, background refresh.
 */
class OcspResponseFreshnessTest {
    private static final Duration TICK = Duration.ofMillis(50);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static CertifiedKey ca;
    private static CertificateToCheck alice;

    private final RevocationCounters counters = new RevocationCounters();
    private final FixedHttpServer server = new FixedHttpServer();
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final MutableClock clock = new MutableClock(t0);

    @BeforeAll
    static void pki() {
        ca = CertificateBuilder.withNewKey("CN=Freshness Test CA").ca(0).selfSigned();
        alice = new CertificateToCheck(CertificateBuilder.withNewKey("CN=alice").issuedBy(ca).certificate(),
                ca.certificate());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anOldGoodWithALongNextUpdateIsNotUsedBeyondTheMaxAgeEvenWithGrace() {
        // signed 8 days ago, "valid" for 30 more: what an attacker replays after the revocation
        serve(good(t0.minus(Duration.ofDays(8)), t0.plus(Duration.ofDays(30))));
        try (OcspSource source = source(new GracePeriod(Duration.ofHours(2000)), Duration.ofDays(7))) {
            SourceAnswer answer = check(source, FetchPolicy.NETWORK);
            assertEquals(RevocationStatus.UNKNOWN, answer.status(), answer.detail());
            assertTrue(answer.detail().contains("is older than ocsp_max_age 7 d"), answer.detail());
            assertEquals(0, counters.ocspGraceUses.get());
        }
        try (OcspSource source = source(GracePeriod.NONE, Duration.ofDays(9))) {
            SourceAnswer answer = check(source, FetchPolicy.NETWORK);
            assertEquals(RevocationStatus.GOOD, answer.status(), "within a max age of 9 days: " + answer.detail());
        }
    }

    @Test
    void aCachedGoodStopsAnsweringAtTheMaxAgeAndIsFetchedAgain() {
        serve(good(t0, t0.plus(Duration.ofDays(30))));
        try (OcspSource source = source(new GracePeriod(Duration.ofHours(48)), Duration.ofDays(7))) {
            assertEquals(RevocationStatus.GOOD, check(source, FetchPolicy.NETWORK).status());
            clock.advance(Duration.ofDays(7).minusMinutes(1));
            assertEquals(RevocationStatus.GOOD, check(source, FetchPolicy.NETWORK).status());
            assertEquals(1, server.requests(), "within the max age the cached response answers");

            server.answer(503, new byte[0]);
            clock.advance(Duration.ofMinutes(2));
            SourceAnswer answer = check(source, FetchPolicy.NETWORK);
            assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
            assertTrue(answer.detail().contains("HTTP 503"), answer.detail());
            assertEquals(2, server.requests());
        }
    }

    @Test
    void aHeldRevocationStillAnswersWhenItExpiresAndTheResponderGoesQuiet() {
        try (OcspSource source = answering(revoked(t0, t0.plus(Duration.ofHours(1))),
                RevocationStatus.REVOKED)) {
            server.answer(503, new byte[0]);
            clock.advance(Duration.ofDays(10));
            SourceAnswer answer = check(source, FetchPolicy.NETWORK);
            assertEquals(RevocationStatus.REVOKED, answer.status(), answer.detail());
            assertEquals("keyCompromise", answer.revoked().orElseThrow().reason());
            assertTrue(answer.detail().contains("kept until a newer response says otherwise"), answer.detail());
            assertEquals(RevocationStatus.REVOKED, check(source, FetchPolicy.CACHED_ONLY).status());
        }
    }

    @Test
    void neitherAnOlderNorAnExpiredGoodReplacesAHeldRevocation() {
        serve(revoked(t0, t0.plus(Duration.ofHours(1))));
        try (OcspSource source = source(new GracePeriod(Duration.ofHours(4)), Duration.ofDays(7))) {
            assertEquals(RevocationStatus.REVOKED, check(source, FetchPolicy.NETWORK).status());

            clock.advance(Duration.ofHours(2));
            serve(good(t0.minus(Duration.ofHours(1)), t0.plus(Duration.ofHours(10))));
            SourceAnswer older = check(source, FetchPolicy.NETWORK);
            assertEquals(RevocationStatus.REVOKED, older.status(), "an older good: " + older.detail());

            serve(good(t0.plus(Duration.ofMinutes(30)), t0.plus(Duration.ofMinutes(90))));
            SourceAnswer expired = check(source, FetchPolicy.NETWORK);
            assertEquals(RevocationStatus.REVOKED, expired.status(), "a newer but expired good: " + expired.detail());

            serve(good(t0.plus(Duration.ofHours(2)), t0.plus(Duration.ofHours(3))));
            SourceAnswer released = check(source, FetchPolicy.NETWORK);
            assertEquals(RevocationStatus.GOOD, released.status(),
                    "a newer current good replaces it in this cache (the checker's ledger decides what it means)");
        }
    }

    @Test
    void aUsedResponseIsRefreshedInTheBackgroundBeforeItExpires() throws Exception {
        try (OcspSource source = answering(good(t0, t0.plus(Duration.ofMinutes(10))),
                RevocationStatus.GOOD)) {
            Instant revokedAt = t0.plus(Duration.ofMinutes(8));
            serve(revoked(revokedAt, revokedAt.plus(Duration.ofMinutes(10))));
            clock.advance(Duration.ofMinutes(8).plusSeconds(1)); // past 80% of the 10 minutes

            await().atMost(WAIT).until(() -> server.requests() == 2);
            CompletableFuture<SourceAnswer> cached = source.check(alice, FetchPolicy.CACHED_ONLY);
            await().atMost(WAIT).until(() -> source.check(alice, FetchPolicy.CACHED_ONLY).get().status()
                    == RevocationStatus.REVOKED);
            assertTrue(cached.isDone(), "a cached-only check completes at once");
            SourceAnswer answer = source.check(alice, FetchPolicy.NETWORK).get();
            assertEquals(RevocationStatus.REVOKED, answer.status(), answer.detail());
            assertEquals(Optional.of(revokedAt), answer.thisUpdate());
            assertEquals(2, server.requests(), "no logon fetched: the refresh did");
        }
    }

    @Test
    void aFailedRefreshIsRetriedAfterABackoffNotEveryTick() {
        try (OcspSource source = answering(good(t0, t0.plus(Duration.ofMinutes(10))),
                RevocationStatus.GOOD)) {
            server.answer(503, new byte[0]);
            clock.advance(Duration.ofMinutes(9));
            await().atMost(WAIT).until(() -> server.requests() == 2);
            long ticks = source.refresh().ticks();
            await().atMost(WAIT).until(() -> source.refresh().ticks() >= ticks + 20);
            assertEquals(2, server.requests(), "retried before the 2 s backoff passed");

            clock.advance(ResponseRefresh.MIN_BACKOFF);
            await().atMost(WAIT).until(() -> server.requests() == 3);
            long later = source.refresh().ticks();
            clock.advance(ResponseRefresh.MIN_BACKOFF);
            await().atMost(WAIT).until(() -> source.refresh().ticks() >= later + 20);
            assertEquals(3, server.requests(), "the second backoff is 4 s");
            assertEquals(RevocationStatus.GOOD, check(source, FetchPolicy.CACHED_ONLY).status(),
                    "the held response keeps answering while it is current");
        }
    }

    @Test
    void aCertificateNotUsedInTheLastHourIsNotRefreshed() {
        try (OcspSource source = answering(good(t0, t0.plus(Duration.ofHours(10))),
                RevocationStatus.GOOD)) {
            assertEquals(1, source.refresh().tracked());
            clock.advance(Duration.ofHours(9));
            await().atMost(WAIT).until(() -> source.refresh().tracked() == 0);
            long ticks = source.refresh().ticks();
            await().atMost(WAIT).until(() -> source.refresh().ticks() >= ticks + 10);
            assertEquals(1, server.requests());
        }
    }

    /** A source (no grace, 7 days' max age) that fetched {@code first} and answered {@code status} with it. */
    private OcspSource answering(TestOcspResponse first, RevocationStatus status) {
        serve(first);
        OcspSource source = source(GracePeriod.NONE, Duration.ofDays(7));
        assertEquals(status, check(source, FetchPolicy.NETWORK).status());
        return source;
    }

    private OcspSource source(GracePeriod grace, Duration maxAge) {
        return new OcspSource(new OcspOptions(Optional.of(server.url()), Duration.ofSeconds(5), grace, false, maxAge),
                clock, counters, DelegatedResponderStatus.NONE, TICK);
    }

    private void serve(TestOcspResponse response) {
        server.answer(200, response.encoded());
    }

    private static TestOcspResponse good(Instant thisUpdate, Instant nextUpdate) {
        return TestOcspResponse.about(alice, ca).validity(thisUpdate, nextUpdate);
    }

    private static TestOcspResponse revoked(Instant thisUpdate, Instant nextUpdate) {
        return good(thisUpdate, nextUpdate).status(new RevokedStatus(Date.from(thisUpdate.minusSeconds(60)),
                CRLReason.keyCompromise));
    }

    private static SourceAnswer check(OcspSource source, FetchPolicy fetch) {
        try {
            return source.check(alice, fetch).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the check did not complete within 20 s", e);
        }
    }
}
