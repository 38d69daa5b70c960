package dev.pkinitkdc.revocation.crl;

import static dev.pkinitkdc.revocation.crl.TestPki.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.labpki.CrlBuilder;
import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.GracePeriod;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.SourceAnswer;
import dev.pkinitkdc.revocation.testing.CrlServer;
import dev.pkinitkdc.revocation.testing.MutableClock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CRLs from HTTP distribution points served by a real JDK HttpServer on 127.0.0.1. */
class CrlSourceHttpTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path temp;
    private CrlServer server;
    private final RevocationCounters counters = new RevocationCounters();
    private final List<CrlSource> sources = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new CrlServer();
    }

    @AfterEach
    void stop() {
        sources.forEach(CrlSource::close);
        server.close();
    }

    static CrlOptions options(GracePeriod grace, Optional<Path> cacheDir, List<Path> mirrors) {
        return new CrlOptions(TIMEOUT, grace, mirrors, cacheDir, Duration.ofMillis(200), 64L << 20);
    }

    private CrlSource source(GracePeriod grace, Optional<Path> cacheDir, Clock clock) {
        CrlSource source = new CrlSource(options(grace, cacheDir, List.of()), clock, counters);
        sources.add(source);
        return source;
    }

    private CrlSource source() {
        return source(GracePeriod.NONE, Optional.empty(), Clock.systemUTC());
    }

    private static CrlBuilder current() {
        return CrlBuilder.by(TestPki.ca()).validity(NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void aCertificateOnTheCrlIsRevokedAndAnotherIsGood() throws Exception {
        CertificateToCheck revoked = TestPki.user(server.url("/ca.crl"));
        CertificateToCheck good = TestPki.user(server.url("/ca.crl"));
        Instant when = NOW.minus(Duration.ofDays(2));
        server.serve("/ca.crl", current().number(3).revoke(revoked.certificate().getSerialNumber(), when,
                CRLReason.keyCompromise).build());
        CrlSource source = source();

        SourceAnswer no = await(source.check(revoked, FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.REVOKED, no.status(), no.detail());
        assertEquals("keyCompromise", no.revoked().orElseThrow().reason());
        assertEquals(when, no.revoked().orElseThrow().revocationTime());
        assertEquals(server.url("/ca.crl"), no.location());
        assertEquals(Optional.of(NOW.plus(Duration.ofHours(1))), no.nextUpdate());
        assertFalse(no.grace());

        SourceAnswer yes = await(source.check(good, FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.GOOD, yes.status(), yes.detail());
        assertEquals(Optional.of(NOW.minusSeconds(60)), yes.thisUpdate());
        assertEquals(1, server.requests("/ca.crl"), "the second check uses the held CRL");
        assertEquals(1, counters.crlDownloads.get());
        assertEquals(1, counters.crlCacheMisses.sum(), "the first check had no CRL");
        assertEquals(1, counters.crlCacheHits.sum(), "the second found the held one current");
    }

    @Test
    void httpBeforeLdapAndTheNextUrlWhenOneFails() throws Exception {
        CertificateToCheck user = TestPki.user("ldap://127.0.0.1:1/cn=nowhere?certificateRevocationList;binary",
                server.url("/missing.crl"), server.url("/ca.crl"));
        server.serve("/ca.crl", current().build());
        SourceAnswer answer = await(source().check(user, FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.GOOD, answer.status(), answer.detail());
        assertEquals(server.url("/ca.crl"), answer.location());
        assertEquals(1, server.requests("/missing.crl"));
        assertEquals(2, counters.crlDownloads.get(), "the LDAP URL, listed first, was not needed");
        assertEquals(1, counters.crlDownloadFailures.get());
    }

    @Test
    void http404IsUnavailable() throws Exception {
        SourceAnswer answer = await(source().check(TestPki.user(server.url("/missing.crl")), FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.UNAVAILABLE, answer.status());
        assertTrue(answer.detail().contains("HTTP 404"), answer.detail());
    }

    @Test
    void aServerThatNeverAnswersCostsTheTimeoutAndIsUnavailable() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    try {
                        accepted.add(silent.accept());
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            CertificateToCheck hanging = TestPki.user("http://127.0.0.1:" + silent.getLocalPort() + "/ca.crl");
            CertificateToCheck other = TestPki.user(server.url("/ca.crl"));
            server.serve("/ca.crl", current().build());
            CrlSource source = source();

            CompletableFuture<SourceAnswer> slow = source.check(hanging, FetchPolicy.NETWORK);
            SourceAnswer meanwhile = await(source.check(other, FetchPolicy.NETWORK));
            assertEquals(RevocationStatus.GOOD, meanwhile.status(), "another certificate is not held up");

            SourceAnswer answer = await(slow);
            assertEquals(RevocationStatus.UNAVAILABLE, answer.status());
            assertTrue(answer.detail().contains("timed out"), answer.detail());
            silent.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void concurrentChecksShareOneDownload() throws Exception {
        server.serve("/ca.crl", current().build());
        server.delay(Duration.ofMillis(500));
        CrlSource source = source();
        List<CompletableFuture<SourceAnswer>> checks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            checks.add(source.check(TestPki.user(server.url("/ca.crl")), FetchPolicy.NETWORK));
        }
        for (CompletableFuture<SourceAnswer> check : checks) {
            assertEquals(RevocationStatus.GOOD, await(check).status());
        }
        assertEquals(1, server.requests("/ca.crl"));
        assertEquals(1, counters.crlDownloads.get());
    }

    @Test
    void aCrlReplacedAtTheDistributionPointIsPickedUpInTheBackground() throws Exception {
        CertificateToCheck user = TestPki.user(server.url("/ca.crl"));
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // 80% of the lifetime is already past: the first background refresh comes after the minimum delay
        server.serve("/ca.crl", CrlBuilder.by(TestPki.ca()).number(1).validity(start.minus(Duration.ofHours(1)),
                start.plus(Duration.ofMinutes(10))).build());
        CrlSource source = source();
        assertEquals(RevocationStatus.GOOD, await(source.check(user, FetchPolicy.NETWORK)).status());

        server.serve("/ca.crl", CrlBuilder.by(TestPki.ca()).number(2).validity(start, start.plus(Duration.ofHours(1)))
                .revoke(user.certificate().getSerialNumber(), start, CRLReason.superseded).build());
        // answered from memory (cached_only), so only the background refresh can bring the replacement; one wait for
        // that event, bounded generously (the refresh is due 2 s after the first download)
        Awaitility.await("the replacement held").atMost(Duration.ofSeconds(30)).until(() ->
                await(source.check(user, FetchPolicy.CACHED_ONLY)).status() == RevocationStatus.REVOKED);
        assertEquals(2, server.requests("/ca.crl"), "the first check's download and one background refresh");
    }

    @Test
    void anOlderCrlAtTheDistributionPointDoesNotReplaceANewerOne() throws Exception {
        CertificateToCheck user = TestPki.user(server.url("/ca.crl"));
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        server.serve("/ca.crl", CrlBuilder.by(TestPki.ca()).number(5).validity(start.minus(Duration.ofHours(1)),
                        start.plus(Duration.ofMinutes(10)))
                .revoke(user.certificate().getSerialNumber(), start, CRLReason.keyCompromise).build());
        CrlSource source = source();
        assertEquals(RevocationStatus.REVOKED, await(source.check(user, FetchPolicy.NETWORK)).status());
        server.serve("/ca.crl", CrlBuilder.by(TestPki.ca()).number(4).validity(start, start.plusSeconds(600)).build());
        // The second request alone says nothing: the answer may still be on its way to the cache. The source asks a
        // third time only once it has processed the second answer and kept the CRL it held (a refresh that got the
        // same CRL backs off and asks again); had it taken the older CRL, the held status turns GOOD instead. Either
        // event ends the wait, and only the first is right.
        Awaitility.await("the older CRL processed").atMost(Duration.ofSeconds(30)).until(() ->
                server.requests("/ca.crl") >= 3
                        || await(source.check(user, FetchPolicy.CACHED_ONLY)).status() != RevocationStatus.REVOKED);
        assertEquals(RevocationStatus.REVOKED, await(source.check(user, FetchPolicy.CACHED_ONLY)).status(),
                "the older CRL (number 4) replaced the held one (number 5)");
    }

    @Test
    void theDiskCacheServesANewSourceWhileTheDistributionPointIsDown() throws Exception {
        CertificateToCheck user = TestPki.user(server.url("/ca.crl"));
        server.serve("/ca.crl", current().revoke(user.certificate().getSerialNumber(), NOW,
                CRLReason.keyCompromise).build());
        Path cache = temp.resolve("crl-cache");
        CrlSource first = source(GracePeriod.NONE, Optional.of(cache), Clock.systemUTC());
        assertEquals(RevocationStatus.REVOKED, await(first.check(user, FetchPolicy.NETWORK)).status());
        first.close();
        server.close();

        CrlSource restarted = source(GracePeriod.NONE, Optional.of(cache), Clock.systemUTC());
        SourceAnswer answer = await(restarted.check(user, FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.REVOKED, answer.status(), answer.detail());
        assertEquals(1, counters.crlDownloads.get(), "the restarted source did not download");
    }

    @Test
    void anExpiredCrlIsUsedWithinGraceAndCountedAndNotBeyond() throws Exception {
        CertificateToCheck user = TestPki.user(server.url("/ca.crl"));
        Instant nextUpdate = NOW.minus(Duration.ofHours(1));
        server.serve("/ca.crl", CrlBuilder.by(TestPki.ca()).validity(NOW.minus(Duration.ofHours(3)), nextUpdate)
                .build());
        MutableClock clock = new MutableClock(NOW);
        CrlSource source = source(new GracePeriod(Duration.ofHours(2)), Optional.empty(), clock);

        SourceAnswer inGrace = await(source.check(user, FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.GOOD, inGrace.status(), inGrace.detail());
        assertTrue(inGrace.grace());
        assertEquals(1, counters.crlGraceUses.get());

        server.close(); // the distribution point goes down too
        clock.advance(Duration.ofHours(2));
        SourceAnswer beyond = await(source.check(user, FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.UNAVAILABLE, beyond.status(), beyond.detail());
        assertTrue(beyond.detail().contains("beyond the grace of 2 h"), beyond.detail());
        assertEquals(Optional.of(nextUpdate), beyond.nextUpdate());
        SourceAnswer cachedOnly = await(source.check(user, FetchPolicy.CACHED_ONLY));
        assertEquals(RevocationStatus.UNKNOWN, cachedOnly.status(), cachedOnly.detail());
        assertEquals(1, counters.crlGraceUses.get());
    }

    @Test
    void aStaleCrlFromAReachableDistributionPointIsUnknownWithoutGrace() throws Exception {
        server.serve("/ca.crl", CrlBuilder.by(TestPki.ca()).validity(NOW.minus(Duration.ofHours(3)),
                NOW.minus(Duration.ofHours(1))).build());
        SourceAnswer answer = await(source().check(TestPki.user(server.url("/ca.crl")), FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.UNKNOWN, answer.status(), answer.detail());
        assertFalse(answer.grace());
    }

    @Test
    void cachedOnlyAnswersFromWhatIsHeldAndDownloadsInTheBackground() throws Exception {
        CertificateToCheck user = TestPki.user(server.url("/ca.crl"));
        server.serve("/ca.crl", current().build());
        server.delay(Duration.ofMillis(500));   // a slow distribution point: the check must not wait for it
        CrlSource source = source();
        SourceAnswer nothing = await(source.check(user, FetchPolicy.CACHED_ONLY));
        assertEquals(RevocationStatus.UNKNOWN, nothing.status());
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                await(source.check(user, FetchPolicy.CACHED_ONLY)).status() == RevocationStatus.GOOD);
        assertEquals(1, server.requests("/ca.crl"), "one background download for all the checks (single-flight)");
    }

    @Test
    void noDistributionPointAndNoMirrorIsUnknown() throws Exception {
        SourceAnswer answer = await(source().check(TestPki.user(), FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.UNKNOWN, answer.status());
        assertTrue(answer.detail().contains("no CRL distribution point"), answer.detail());
    }

    @Test
    void aCrlWithABadSignatureIsUnavailableAndOneOutOfScopeUnknown() throws Exception {
        var impostor = dev.pkinitkdc.pkinit.labpki.CertificateBuilder.withKey(
                TestPki.ca().certificate().getSubjectX500Principal().getName(),
                dev.pkinitkdc.pkinit.cert.KeyPairs.rsa2048()).ca(0).selfSigned();
        server.serve("/forged.crl", CrlBuilder.by(impostor).build());
        SourceAnswer forged = await(source().check(TestPki.user(server.url("/forged.crl")), FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.UNAVAILABLE, forged.status(), forged.detail());

        server.serve("/scoped.crl", current().distributionPoint("http://elsewhere/ca.crl").build());
        SourceAnswer scoped = await(source().check(TestPki.user(server.url("/scoped.crl")), FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.UNKNOWN, scoped.status(), scoped.detail());
        assertTrue(scoped.detail().contains("out of scope"), scoped.detail());
    }

    @Test
    void aDeltaCrlRevokesAndReleasesAHold() throws Exception {
        CertificateToCheck onHold = TestPki.user(server.url("/ca.crl"));
        CertificateToCheck compromised = TestPki.user(server.url("/ca.crl"));
        CertificateToCheck good = TestPki.user(server.url("/ca.crl"));
        server.serve("/ca.crl", current().number(10).freshestCrl(server.url("/ca-delta.crl"))
                .revoke(onHold.certificate().getSerialNumber(), NOW, CRLReason.certificateHold).build());
        server.serve("/ca-delta.crl", current().number(11).deltaOf(10)
                .revoke(onHold.certificate().getSerialNumber(), NOW, CRLReason.removeFromCRL)
                .revoke(compromised.certificate().getSerialNumber(), NOW, CRLReason.keyCompromise).build());
        CrlSource source = source();

        SourceAnswer released = await(source.check(onHold, FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.GOOD, released.status(), released.detail());
        assertTrue(released.detail().contains("removeFromCRL"), released.detail());
        SourceAnswer revoked = await(source.check(compromised, FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.REVOKED, revoked.status(), revoked.detail());
        assertEquals(server.url("/ca-delta.crl"), revoked.location());
        assertEquals(RevocationStatus.GOOD, await(source.check(good, FetchPolicy.NETWORK)).status());
        assertEquals(1, server.requests("/ca-delta.crl"), "the delta is cached like a CRL");
    }

    @Test
    void aDeltaForAnotherBaseIsNotApplied() throws Exception {
        CertificateToCheck compromised = TestPki.user(server.url("/ca.crl"));
        server.serve("/ca.crl", current().number(10).freshestCrl(server.url("/ca-delta.crl")).build());
        server.serve("/ca-delta.crl", current().number(9).deltaOf(8)
                .revoke(compromised.certificate().getSerialNumber(), NOW, CRLReason.keyCompromise).build());
        SourceAnswer answer = await(source().check(compromised, FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.GOOD, answer.status(), "a delta older than its base is ignored");
        assertEquals(server.url("/ca.crl"), answer.location());
    }

    @Test
    void aCertificateOnHoldInTheCompleteCrlIsRevoked() throws Exception {
        CertificateToCheck onHold = TestPki.user(server.url("/ca.crl"));
        server.serve("/ca.crl", current().revoke(onHold.certificate().getSerialNumber(), NOW,
                CRLReason.certificateHold).build());
        SourceAnswer answer = await(source().check(onHold, FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.REVOKED, answer.status());
        assertEquals("certificateHold", answer.revoked().orElseThrow().reason());
    }

    private CrlSource mirrored(Path mirror) {
        CrlSource source = new CrlSource(options(GracePeriod.NONE, Optional.empty(), List.of(mirror)),
                Clock.systemUTC(), counters);
        sources.add(source);
        return source;
    }

    // A CRL from the future (thisUpdate beyond the 5 minutes of clock skew allowed for OCSP too) is refused from
    // every origin: download, disk cache, mirror (RFC 5280 5.1.2.4; a CA clock error or a CRL made to outlive a
    // revocation).

    private static CrlBuilder issuedAt(Instant thisUpdate) {
        return CrlBuilder.by(TestPki.ca()).number(1).validity(thisUpdate, thisUpdate.plus(Duration.ofDays(1)));
    }

    private static void assertRefused(SourceAnswer answer) {
        assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
    }

    @Test
    void aDownloadedCrlFromTheFutureIsRefusedAndOneWithinTheSkewAccepted() throws Exception {
        server.serve("/future.crl", issuedAt(NOW.plus(Duration.ofHours(1))).build());
        server.serve("/skewed.crl", issuedAt(NOW.plus(Duration.ofMinutes(1))).build());
        CrlSource source = source();

        SourceAnswer future = await(source.check(TestPki.user(server.url("/future.crl")), FetchPolicy.NETWORK));
        assertRefused(future);
        assertTrue(future.detail().contains("in the future"), future.detail());
        SourceAnswer skewed = await(source.check(TestPki.user(server.url("/skewed.crl")), FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.GOOD, skewed.status(), skewed.detail());
    }

    @Test
    void aDiskCacheCopyFromTheFutureIsRefused() throws Exception {
        String url = "http://127.0.0.1:1/ca.crl"; // nothing listens: the disk copy is all there is
        Path cache = temp.resolve("cache");
        new CrlDiskCache(cache).store(url, issuedAt(NOW.plus(Duration.ofHours(1))).build().getEncoded());

        CrlSource source = source(GracePeriod.NONE, Optional.of(cache), Clock.systemUTC());
        assertRefused(await(source.check(TestPki.user(url), FetchPolicy.NETWORK)));
    }

    @Test
    void aMirroredCrlFromTheFutureIsRefused() throws Exception {
        Path mirror = temp.resolve("ca.crl");
        Files.write(mirror, issuedAt(NOW.plus(Duration.ofHours(1))).build().getEncoded());

        SourceAnswer answer = await(mirrored(mirror).check(TestPki.user(),
                FetchPolicy.NETWORK));
        assertRefused(answer);
        assertTrue(answer.detail().contains("in the future"), answer.detail());
    }
}
