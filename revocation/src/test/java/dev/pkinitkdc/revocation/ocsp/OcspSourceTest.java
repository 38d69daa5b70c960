package dev.pkinitkdc.revocation.ocsp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.GracePeriod;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.SourceAnswer;
import dev.pkinitkdc.revocation.testing.CountingHttpProxy;
import dev.pkinitkdc.revocation.testing.FixedHttpServer;
import dev.pkinitkdc.revocation.testing.LoopbackPorts;
import dev.pkinitkdc.revocation.testing.MutableClock;
import dev.pkinitkdc.revocation.testing.OpensslIndex;
import dev.pkinitkdc.revocation.testing.OpensslOcspResponder;
import dev.pkinitkdc.revocation.testing.SilentServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OcspSource against a real {@code openssl ocsp} responder on 127.0.0.1. */
class OcspSourceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    private static final Instant REVOKED_AT = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);

    private static CertifiedKey ca;
    private static OpensslOcspResponder responder;
    private static CertifiedKey alice;
    private static CertifiedKey mallory;
    private static CertifiedKey stranger;
    private static OpensslIndex index;

    private final RevocationCounters counters = new RevocationCounters();

    @BeforeAll
    static void startResponder() {
        OpensslOcspResponder.requireInstalled();
        ca = CertificateBuilder.withNewKey("CN=OCSP Test CA,O=pkinit-kdc tests").ca(0).selfSigned();
        responder = new OpensslOcspResponder();
        alice = user("CN=alice", responder.url());
        mallory = user("CN=mallory", responder.url());
        stranger = user("CN=stranger", responder.url());
        index = new OpensslIndex().valid(alice.certificate())
                .revoked(mallory.certificate(), REVOKED_AT, OpensslIndex.KEY_COMPROMISE);
        responder.start(ca, ca, index, TEN_MINUTES);
    }

    @AfterAll
    static void stopResponder() {
        if (responder != null) {
            responder.close();
        }
    }

    @Test
    void goodFromTheAiaResponderSignedByTheCa() {
        try (OcspSource source = source(Optional.empty(), GracePeriod.NONE, false, Clock.systemUTC())) {
            SourceAnswer answer = check(source, alice);
            assertEquals(RevocationStatus.GOOD, answer.status(), answer.detail());
            assertEquals(responder.url().toString(), answer.location());
            assertTrue(answer.detail().contains("signed by the issuing CA"), answer.detail());
            assertFalse(answer.grace());
            Instant thisUpdate = answer.thisUpdate().orElseThrow();
            assertEquals(thisUpdate.plus(TEN_MINUTES), answer.nextUpdate().orElseThrow());
            assertEquals(1, counters.ocspFetches.get());
            assertEquals(0, counters.ocspFetchFailures.get());
        }
    }

    @Test
    void revokedWithTheReasonAndTimeTheResponderGives() {
        try (OcspSource source = source(Optional.empty(), GracePeriod.NONE, false, Clock.systemUTC())) {
            SourceAnswer answer = check(source, mallory);
            assertEquals(RevocationStatus.REVOKED, answer.status(), answer.detail());
            assertEquals("keyCompromise", answer.revoked().orElseThrow().reason());
            assertEquals(REVOKED_AT, answer.revoked().orElseThrow().revocationTime());
        }
    }

    @Test
    void aSerialTheResponderDoesNotKnowIsUnknown() {
        try (OcspSource source = source(Optional.empty(), GracePeriod.NONE, false, Clock.systemUTC())) {
            SourceAnswer answer = check(source, stranger);
            assertEquals(RevocationStatus.UNKNOWN, answer.status(), answer.detail());
            assertTrue(answer.detail().contains("does not know"), answer.detail());
        }
    }

    @Test
    void aDelegatedResponderWithOcspSigningAndNocheckIsAccepted() {
        CertifiedKey delegated = CertificateBuilder.withNewKey("CN=delegated responder")
                .extendedKeyUsages(KeyPurposeId.id_kp_OCSPSigning).ocspNoCheck().issuedBy(ca);
        SourceAnswer answer = answerSignedBy(delegated);
        assertEquals(RevocationStatus.GOOD, answer.status(), answer.detail());
        assertTrue(answer.detail().contains("delegated responder CN=delegated responder (id-pkix-ocsp-nocheck)"),
                answer.detail());
    }

    @Test
    void aDelegatedResponderWithoutNocheckIsNotBelievedWhenNothingCanCheckItsOwnStatus() {
        CertifiedKey delegated = CertificateBuilder.withNewKey("CN=delegated responder")
                .extendedKeyUsages(KeyPurposeId.id_kp_OCSPSigning).issuedBy(ca);
        SourceAnswer answer = answerSignedBy(delegated);
        assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
        assertTrue(answer.detail().contains("no source is configured to check an OCSP responder certificate"),
                answer.detail());
    }

    @Test
    void aResponderCertificateWithoutOcspSigningIsUnauthorized() {
        CertifiedKey noEku = CertificateBuilder.withNewKey("CN=not a responder").issuedBy(ca);
        SourceAnswer answer = answerSignedBy(noEku);
        assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
        assertTrue(answer.detail().contains("unauthorized responder CN=not a responder"), answer.detail());
        assertTrue(answer.detail().contains("id-kp-OCSPSigning"), answer.detail());
        assertEquals(1, counters.ocspFetchFailures.get());
    }

    @Test
    void aResponderOfAnotherCaIsUnauthorized() {
        CertifiedKey otherCa = CertificateBuilder.withNewKey("CN=Other CA").ca(0).selfSigned();
        CertifiedKey foreign = CertificateBuilder.withNewKey("CN=foreign responder")
                .extendedKeyUsages(KeyPurposeId.id_kp_OCSPSigning).ocspNoCheck().issuedBy(otherCa);
        SourceAnswer answer = answerSignedBy(foreign);
        assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
        assertTrue(answer.detail().contains("unauthorized responder CN=foreign responder: not issued by CN=OCSP Test CA"),
                answer.detail());
    }

    @Test
    void aConfiguredResponderOverridesTheAiaUrl() {
        CertifiedKey deadAia = user("CN=alice", URI.create("http://127.0.0.1:" + LoopbackPorts.free() + "/"));
        OpensslIndex deadAiaIndex = new OpensslIndex().valid(deadAia.certificate());
        try (OpensslOcspResponder configured = new OpensslOcspResponder();
             OcspSource viaAia = source(Optional.empty(), GracePeriod.NONE, false, Clock.systemUTC());
             OcspSource viaConfig = source(Optional.of(configured.url()), GracePeriod.NONE, false,
                     Clock.systemUTC())) {
            configured.start(ca, ca, deadAiaIndex, TEN_MINUTES);
            assertEquals(RevocationStatus.UNAVAILABLE, check(viaAia, deadAia).status());
            SourceAnswer answer = check(viaConfig, deadAia);
            assertEquals(RevocationStatus.GOOD, answer.status(), answer.detail());
            assertEquals(configured.url().toString(), answer.location());
        }
    }

    @Test
    void aNonceIsSentAndTheEchoAccepted() {
        try (OcspSource source = source(Optional.empty(), GracePeriod.NONE, true, Clock.systemUTC())) {
            SourceAnswer answer = check(source, alice);
            assertEquals(RevocationStatus.GOOD, answer.status(), answer.detail());
        }
    }

    @Test
    void aCertificateWithoutAiaAndNoConfiguredResponderIsUnknown() {
        CertifiedKey bare = CertificateBuilder.withNewKey("CN=bare").issuedBy(ca);
        try (OcspSource source = source(Optional.empty(), GracePeriod.NONE, false, Clock.systemUTC())) {
            SourceAnswer answer = check(source, bare);
            assertEquals(RevocationStatus.UNKNOWN, answer.status());
            assertTrue(answer.detail().contains("no OCSP responder"), answer.detail());
        }
    }

    @Test
    void aCachedResponseAnswersWithoutTheResponder() {
        try (OpensslOcspResponder own = new OpensslOcspResponder();
             OcspSource source = source(Optional.of(own.url()), GracePeriod.NONE, false, Clock.systemUTC())) {
            own.start(ca, ca, index, TEN_MINUTES);
            assertEquals(RevocationStatus.GOOD, check(source, alice).status());
            own.stop();
            SourceAnswer again = check(source, alice);
            assertEquals(RevocationStatus.GOOD, again.status(), again.detail());
            assertTrue(again.detail().startsWith("from cache"), again.detail());
            assertEquals(1, counters.ocspFetches.get());
            assertEquals(1, counters.ocspCacheMisses.sum(), "the first check found nothing cached");
            assertEquals(1, counters.ocspCacheHits.sum(), "the second was answered from the cache");
        }
    }

    @Test
    void anExpiredResponseIsUsedWithinGraceWhenTheResponderIsDownAndNotBeyond() {
        MutableClock clock = MutableClock.startingNow();
        try (OpensslOcspResponder own = new OpensslOcspResponder();
             OcspSource source = source(Optional.of(own.url()), new GracePeriod(Duration.ofHours(1)), false,
                     clock)) {
            own.start(ca, ca, index, Duration.ofMinutes(1));
            assertEquals(RevocationStatus.GOOD, check(source, alice).status());
            own.stop();
            clock.advance(Duration.ofMinutes(2));

            SourceAnswer graced = check(source, alice);
            assertEquals(RevocationStatus.GOOD, graced.status(), graced.detail());
            assertTrue(graced.grace());
            assertTrue(graced.detail().contains("used within grace of 1 h"), graced.detail());
            assertEquals(1, counters.ocspGraceUses.get());

            clock.advance(Duration.ofHours(2));
            SourceAnswer beyond = check(source, alice);
            assertEquals(RevocationStatus.UNAVAILABLE, beyond.status(), beyond.detail());
            assertFalse(beyond.grace());
            assertEquals(1, counters.ocspGraceUses.get());
        }
    }

    @Test
    void aResponseWithoutNextUpdateIsCachedForFiveMinutes() {
        MutableClock clock = MutableClock.startingNow();
        try (OpensslOcspResponder own = new OpensslOcspResponder();
             OcspSource source = source(Optional.of(own.url()), GracePeriod.NONE, false, clock)) {
            own.start(ca, ca, index, Duration.ZERO);
            SourceAnswer first = check(source, alice);
            assertEquals(RevocationStatus.GOOD, first.status(), first.detail());
            assertTrue(first.nextUpdate().isEmpty());
            clock.advance(Duration.ofMinutes(4));
            assertTrue(check(source, alice).detail().startsWith("from cache"));
            clock.advance(Duration.ofMinutes(2));
            // asked again; openssl's new thisUpdate is real time, 6 minutes behind this clock, so stale as well
            SourceAnswer refetched = check(source, alice);
            assertEquals(2, counters.ocspFetches.get());
            assertEquals(RevocationStatus.UNKNOWN, refetched.status(), refetched.detail());
            assertTrue(refetched.detail().contains("expired at"), refetched.detail());
        }
    }

    @Test
    void aResponderThatNeverAnswersCostsTheTimeoutAndGivesUnavailable() throws Exception {
        try (SilentServer silent = new SilentServer();
             OcspSource source = new OcspSource(new OcspOptions(Optional.of(silent.url()), Duration.ofMillis(500),
                     GracePeriod.NONE, false), Clock.systemUTC(), counters)) {
            SourceAnswer answer = check(source, alice);
            assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
            assertTrue(answer.detail().contains("timed out after 500 ms"), answer.detail());
            assertEquals(1, counters.ocspFetchFailures.get());
        }
    }

    @Test
    void aHangingResponderDoesNotHoldUpChecksOfOtherCertificates() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            CertifiedKey hanging = user("CN=hanging", silent.url());
            OcspSource source = new OcspSource(new OcspOptions(Optional.empty(), Duration.ofSeconds(60),
                    GracePeriod.NONE, false), Clock.systemUTC(), counters);
            CompletableFuture<SourceAnswer> stuck;
            try (source) {
                stuck = source.check(toCheck(hanging), FetchPolicy.NETWORK);
                await().atMost(Duration.ofSeconds(10)).until(() -> silent.accepted() == 1);
                assertEquals(RevocationStatus.GOOD, check(source, alice).status());
                assertFalse(stuck.isDone(), "the hanging check finished before its 60 s timeout");
            }
            SourceAnswer closed = stuck.get(5, TimeUnit.SECONDS);
            assertEquals(RevocationStatus.UNAVAILABLE, closed.status());
            assertTrue(closed.detail().contains("closed"), closed.detail());
        }
    }

    @Test
    void concurrentChecksOfOneCertificateShareOneRequest() throws Exception {
        try (CountingHttpProxy proxy = new CountingHttpProxy(responder.url());
             OcspSource source = source(Optional.of(proxy.url()), GracePeriod.NONE, false, Clock.systemUTC())) {
            proxy.hold();
            List<CompletableFuture<SourceAnswer>> checks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                checks.add(source.check(toCheck(alice), FetchPolicy.NETWORK));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> proxy.requests() == 1);
            proxy.release();
            for (CompletableFuture<SourceAnswer> check : checks) {
                assertEquals(RevocationStatus.GOOD, check.get(20, TimeUnit.SECONDS).status());
            }
            assertEquals(1, proxy.requests());
            assertEquals(1, counters.ocspFetches.get());
        }
    }

    @Test
    void cachedOnlyWithNothingCachedIsUnknownAtOnceAndFetchesInTheBackgroundForTheNextCheck() throws Exception {
        try (CountingHttpProxy proxy = new CountingHttpProxy(responder.url());
             OcspSource source = source(Optional.of(proxy.url()), GracePeriod.NONE, false, Clock.systemUTC())) {
            proxy.hold();   // the responder is slow: the cached-only check must not wait for it
            CompletableFuture<SourceAnswer> check = source.check(toCheck(alice), FetchPolicy.CACHED_ONLY);
            assertTrue(check.isDone(), "a cached-only check must complete at once");
            SourceAnswer answer = check.get();
            assertEquals(RevocationStatus.UNKNOWN, answer.status());
            assertTrue(answer.detail().contains("no cached OCSP response"), answer.detail());
            assertTrue(answer.detail().contains("fetching one in the background"), answer.detail());
            await().atMost(Duration.ofSeconds(10)).until(() -> proxy.requests() == 1);
            assertTrue(source.check(toCheck(alice), FetchPolicy.CACHED_ONLY).isDone(), "still not waiting");
            proxy.release();

            await().atMost(Duration.ofSeconds(20)).until(() ->
                    source.check(toCheck(alice), FetchPolicy.CACHED_ONLY).get().status() == RevocationStatus.GOOD);
            assertEquals(1, proxy.requests(), "one background request for all the checks (single-flight)");
        }
    }

    @Test
    void aStaleResponseFromTheResponderIsUsedOnlyWithinGrace() {
        Instant now = Instant.now();
        byte[] stale = TestOcspResponse.about(toCheck(alice), ca)
                .validity(now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(1))).encoded();
        try (FixedHttpServer server = new FixedHttpServer().answer(200, stale);
             OcspSource strict = source(Optional.of(server.url()), GracePeriod.NONE, false, Clock.systemUTC());
             OcspSource lenient = source(Optional.of(server.url()), new GracePeriod(Duration.ofHours(2)), false,
                     Clock.systemUTC())) {
            SourceAnswer refused = check(strict, alice);
            assertEquals(RevocationStatus.UNKNOWN, refused.status(), refused.detail());
            assertTrue(refused.detail().contains("responder sent a response that expired at"), refused.detail());
            assertEquals(0, counters.ocspGraceUses.get());

            SourceAnswer graced = check(lenient, alice);
            assertEquals(RevocationStatus.GOOD, graced.status(), graced.detail());
            assertTrue(graced.grace());
            assertEquals(1, counters.ocspGraceUses.get());
        }
    }

    @Test
    void anHttpErrorIsUnavailable() {
        try (FixedHttpServer server = new FixedHttpServer().answer(500, new byte[0]);
             OcspSource source = source(Optional.of(server.url()), GracePeriod.NONE, false, Clock.systemUTC())) {
            SourceAnswer answer = check(source, alice);
            assertEquals(RevocationStatus.UNAVAILABLE, answer.status());
            assertTrue(answer.detail().contains("HTTP 500"), answer.detail());
            assertEquals(1, server.requests());
        }
    }

    /** The answer for alice from a responder (configured, not AIA) that signs with {@code signer}. */
    private SourceAnswer answerSignedBy(CertifiedKey signer) {
        try (OpensslOcspResponder delegated = new OpensslOcspResponder();
             OcspSource source = source(Optional.of(delegated.url()), GracePeriod.NONE, false, Clock.systemUTC())) {
            delegated.start(ca, signer, index, TEN_MINUTES);
            return check(source, alice);
        }
    }

    private OcspSource source(Optional<URI> configured, GracePeriod grace, boolean nonce, Clock clock) {
        return new OcspSource(new OcspOptions(configured, TIMEOUT, grace, nonce), clock, counters);
    }

    private static SourceAnswer check(OcspSource source, CertifiedKey user) {
        try {
            return source.check(toCheck(user), FetchPolicy.NETWORK).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the check did not complete within 20 s", e);
        }
    }

    private static CertificateToCheck toCheck(CertifiedKey user) {
        return new CertificateToCheck(user.certificate(), ca.certificate());
    }

    private static CertifiedKey user(String subject, URI ocsp) {
        return CertificateBuilder.withNewKey(subject).ocspUrl(ocsp.toString()).issuedBy(ca);
    }
}
