package dev.pkinitkdc.revocation.http;

import static dev.pkinitkdc.revocation.http.HttpFetchLimitsTest.ascii;
import static dev.pkinitkdc.revocation.http.HttpFetchLimitsTest.failure;
import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.answer;
import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.hang;
import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.held;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.revocation.testing.MisbehavingHttpServer;
import dev.pkinitkdc.revocation.testing.MisbehavingServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** At most N fetches at once to one origin, across the fetchers that share a limit; a bounded queue beyond. */
class PerOriginLimitTest {
    @RegisterExtension
    final MisbehavingServers servers = new MisbehavingServers();
    private final ExecutorService callbacks = servers.callbacks;

    @Test
    void twoFetchersSharingALimitOpenAtMostNConnectionsToAnOriginThatHolds() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        MisbehavingHttpServer holding = servers.start(held(hold, answer(200, ascii("ok"))));
        HttpLimits shared = HttpLimits.of(Redirects.NONE, 3);
        HttpFetch ocsp = new HttpFetch(Duration.ofSeconds(20), 1 << 20, callbacks, shared);
        HttpFetch crl = new HttpFetch(Duration.ofSeconds(20), 1 << 20, callbacks, shared);
        List<CompletableFuture<byte[]>> fetches = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            fetches.add((i % 2 == 0 ? ocsp : crl).get(holding.url("/" + i)));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> holding.accepted() >= 3);
        hold.countDown();
        for (CompletableFuture<byte[]> fetch : fetches) {
            assertArrayEquals(ascii("ok"), fetch.get(30, TimeUnit.SECONDS));
        }
        assertEquals(10, holding.requests().size());
        assertEquals(3, holding.mostAtOnce());
        assertEquals(0, shared.perOrigin().running(Origin.of(holding.url("/"))));
    }

    @Test
    void fetchesWaitingForAHangingOriginTimeOutWithoutConnecting() throws Exception {
        MisbehavingHttpServer hanging = servers.start(hang());
        HttpLimits limits = HttpLimits.of(Redirects.NONE, 2);
        HttpFetch slow = new HttpFetch(Duration.ofSeconds(20), 1 << 20, callbacks, limits);
        HttpFetch quick = new HttpFetch(Duration.ofSeconds(1), 1 << 20, callbacks, limits);
        slow.get(hanging.url("/a"));
        slow.get(hanging.url("/b"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hanging.accepted() >= 2);
        List<CompletableFuture<byte[]>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(quick.get(hanging.url("/" + i)));
        }
        for (CompletableFuture<byte[]> fetch : waiting) {
            assertEquals("timed out after 1000 ms", failure(quick, fetch));
        }
        assertEquals(2, hanging.accepted(), "the waiting fetches never connected");
    }

    @Test
    void waitingFetchesProceedWhenSlotsAreFreed() throws Exception {
        MisbehavingHttpServer slow = servers.start((request, socket, out) -> {
            Thread.sleep(100);
            MisbehavingHttpServer.answer(200, ascii("ok")).answer(request, socket, out);
        });
        HttpFetch http = new HttpFetch(Duration.ofSeconds(20), 1 << 20, callbacks, HttpLimits.of(Redirects.NONE, 2));
        List<CompletableFuture<byte[]>> fetches = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            fetches.add(http.get(slow.url("/" + i)));
        }
        for (CompletableFuture<byte[]> fetch : fetches) {
            assertArrayEquals(ascii("ok"), fetch.get(30, TimeUnit.SECONDS));
        }
        assertEquals(12, slow.requests().size());
        assertTrue(slow.mostAtOnce() <= 2, "at most 2 at once, saw " + slow.mostAtOnce());
    }

    @Test
    void beyondTheQueueAFetchFailsAtOnce() throws Exception {
        MisbehavingHttpServer hanging = servers.start(hang());
        HttpFetch http = new HttpFetch(Duration.ofSeconds(2), 1 << 20, callbacks, HttpLimits.of(Redirects.NONE, 1));
        List<CompletableFuture<byte[]>> admitted = new ArrayList<>();
        for (int i = 0; i < 1 + PerOriginLimit.WAITING_PER_SLOT; i++) {
            admitted.add(http.get(hanging.url("/" + i)));
        }
        CompletableFuture<byte[]> refused = http.get(hanging.url("/refused"));
        String why = failure(http, refused);
        assertEquals(Origin.of(hanging.url("/")) + ": 1 fetches running and 16 waiting, no more queued", why);
        for (CompletableFuture<byte[]> fetch : admitted) {
            assertEquals("timed out after 2000 ms", failure(http, fetch));
        }
    }
}
