package dev.pkinitkdc.revocation.crl;

import static dev.pkinitkdc.revocation.crl.TestPki.await;
import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.answer;
import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.byPath;
import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.held;
import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.huge;
import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.redirect;
import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.trickle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.labpki.CrlBuilder;
import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.GracePeriod;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.SourceAnswer;
import dev.pkinitkdc.revocation.http.HttpLimits;
import dev.pkinitkdc.revocation.http.Redirects;
import dev.pkinitkdc.revocation.testing.CrlServer;
import dev.pkinitkdc.revocation.testing.MisbehavingHttpServer;
import dev.pkinitkdc.revocation.testing.MisbehavingServers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CRL source against distribution points that misbehave (MisbehavingHttpServer on 127.0.0.1): a 600 MB
 * "CRL", one that trickles past the timeout, redirects to another origin, a host that holds every request.
 */
class CrlDownloadLimitsTest {
    private static final long MIB = 1 << 20;
    private static final long CRL_MAX = 16 * MIB;

    private final RevocationCounters counters = new RevocationCounters();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closed(T resource) {
        closing.add(resource);
        return resource;
    }

    private CrlSource source(Duration timeout, HttpLimits http) {
        return closed(new CrlSource(new CrlOptions(timeout, GracePeriod.NONE, List.of(), Optional.empty(),
                Duration.ofSeconds(60), CRL_MAX, Optional.empty(), http), Clock.systemUTC(), counters));
    }

    @Test
    void aSixHundredMegabyteCrlIsCutAtCrlMaxSizeWhileItStreams() throws Exception {
        long huge = 600 * MIB;
        MisbehavingHttpServer cdp = closed(new MisbehavingHttpServer(huge(huge, false)));
        CrlSource source = source(Duration.ofSeconds(30), HttpLimits.defaults());
        CertificateToCheck user = TestPki.user(cdp.url("/ca.crl").toString());

        long before = MisbehavingServers.allocatedOutsideTheServers();
        SourceAnswer answer = await(source.check(user, FetchPolicy.NETWORK));
        long allocated = MisbehavingServers.allocatedOutsideTheServers() - before;
        System.out.printf("600 MiB CRL against crl_max_size = 16MiB: %d KiB allocated by the KDC side, %d KiB sent%n",
                allocated >> 10, cdp.bytesSent() >> 10);

        assertTrue(cdp.bytesSent() < huge / 4, "the distribution point sent " + cdp.bytesSent() + " bytes");
        assertTrue(allocated < 4 * CRL_MAX, "the check allocated " + allocated + " bytes for a 16 MiB cap");
        assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
        assertTrue(answer.detail().contains("more than " + CRL_MAX + " bytes"), answer.detail());
        cdp.awaitClosedByClient(1);
    }

    @Test
    void aCrlStillStreamingAtTheTimeoutIsCutAndItsConnectionClosed() throws Exception {
        // 600 MB announced, 64 KiB every 50 ms: within the cap for the first 12 s, never finished
        MisbehavingHttpServer cdp = closed(new MisbehavingHttpServer(trickle(200, 600 * MIB, 64 * 1024,
                Duration.ofMillis(50))));
        CrlSource source = source(Duration.ofSeconds(2), HttpLimits.defaults());
        SourceAnswer answer = await(source.check(TestPki.user(cdp.url("/ca.crl").toString()), FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
        assertTrue(answer.detail().contains("timed out after 2000 ms"), answer.detail());
        cdp.awaitClosedByClient(1);
        assertTrue(cdp.bytesSent() < CRL_MAX, "sent " + cdp.bytesSent());
    }

    @Test
    void aRedirectToAnotherOriginIsUnavailableAndNotFollowed() throws Exception {
        CrlServer elsewhere = closed(new CrlServer());
        CertificateToCheck user = TestPki.user(elsewhere.url("/ca.crl"));   // a real CRL saying good is there
        elsewhere.serve("/ca.crl", current().build());
        MisbehavingHttpServer cdp = closed(new MisbehavingHttpServer(redirect(302, elsewhere.url("/ca.crl"))));
        CertificateToCheck redirected = TestPki.user(cdp.url("/ca.crl").toString());

        for (Redirects policy : Redirects.values()) {
            SourceAnswer answer = await(source(Duration.ofSeconds(10), HttpLimits.of(policy, 4))
                    .check(redirected, FetchPolicy.NETWORK));
            assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
            assertTrue(answer.detail().contains("HTTP 302 redirect to " + elsewhere.url("/ca.crl") + " not followed"),
                    answer.detail());
        }
        assertEquals(0, elsewhere.requests("/ca.crl"), "the other origin was never asked");
        assertEquals(RevocationStatus.GOOD, await(source(Duration.ofSeconds(10), HttpLimits.defaults())
                .check(user, FetchPolicy.NETWORK)).status(), "the CRL there is fine when asked directly");
    }

    @Test
    void aRedirectWithinTheOriginIsFollowedOnlyWithSameOrigin() throws Exception {
        byte[] crl = current().build().getEncoded();
        MisbehavingHttpServer cdp = closed(new MisbehavingHttpServer(byPath("/old", redirect(301, "/ca.crl"),
                answer(200, crl))));
        CertificateToCheck user = TestPki.user(cdp.url("/old/ca.crl").toString());

        SourceAnswer none = await(source(Duration.ofSeconds(10), HttpLimits.of(Redirects.NONE, 4))
                .check(user, FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.UNAVAILABLE, none.status(), none.detail());
        SourceAnswer followed = await(source(Duration.ofSeconds(10), HttpLimits.of(Redirects.SAME_ORIGIN, 4))
                .check(user, FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.GOOD, followed.status(), followed.detail());
    }

    @Test
    void twentyChecksOfDistinctCertificatesOpenAtMostFourConnectionsToAHostThatHolds() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        MisbehavingHttpServer cdp = closed(new MisbehavingHttpServer(held(hold, answer(404, new byte[0]))));
        CrlSource source = source(Duration.ofSeconds(20), HttpLimits.of(Redirects.NONE, 4));
        List<CompletableFuture<SourceAnswer>> checks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            checks.add(source.check(TestPki.user(cdp.url("/ca-" + i + ".crl").toString()), FetchPolicy.NETWORK));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> cdp.accepted() >= 4);
        hold.countDown();
        for (CompletableFuture<SourceAnswer> check : checks) {
            SourceAnswer answer = await(check);
            assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
            assertTrue(answer.detail().contains("HTTP 404"), answer.detail());
        }
        assertEquals(20, cdp.requests().size());
        assertEquals(4, cdp.mostAtOnce(), "connections open at once");
    }

    private static CrlBuilder current() {
        Instant now = Instant.now();
        return CrlBuilder.by(TestPki.ca()).validity(now.minusSeconds(60), now.plus(Duration.ofHours(1)));
    }
}
