package dev.pkinitkdc.revocation.http;

import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.answer;
import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.drip;
import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.endless;
import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.hang;
import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.hangAfterHeaders;
import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.huge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.revocation.testing.MisbehavingHttpServer;
import dev.pkinitkdc.revocation.testing.MisbehavingServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HttpFetch against a real misbehaving HTTP server on 127.0.0.1: every fetch is bounded in bytes while the body
 * streams, in time for the whole body, and its connection is closed when it is cut (the server sees the close).
 */
class HttpFetchLimitsTest {
    private static final long MIB = 1 << 20;
    /** OcspSource's cap on an OCSP response. */
    private static final long OCSP_MAX = MIB;

    @RegisterExtension
    final MisbehavingServers servers = new MisbehavingServers();
    private final ExecutorService callbacks = servers.callbacks;

    /** The failure's message, through the HttpFetch's own one-line description. */
    static String failure(HttpFetch http, CompletableFuture<byte[]> fetch) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> fetch.get(30, TimeUnit.SECONDS));
        return http.describe(e);
    }

    @Test
    void aHugeOcspBodyIsCutAtOneMebibyteWhileItStreams() throws Exception {
        long huge = 200 * MIB;
        MisbehavingHttpServer server = servers.start(huge(huge, false));   // no Content-Length: only streaming can cut it
        HttpFetch http = new HttpFetch(Duration.ofSeconds(20), OCSP_MAX, callbacks);

        long before = MisbehavingServers.allocatedOutsideTheServers();
        String why = failure(http, http.post(server.url("/ocsp"), "application/ocsp-request", new byte[10]));
        long allocated = MisbehavingServers.allocatedOutsideTheServers() - before;
        System.out.printf("200 MiB OCSP body against a 1 MiB cap: %d KiB allocated by the fetching side, "
                + "%d KiB sent by the server%n", allocated >> 10, server.bytesSent() >> 10);

        assertTrue(allocated < 64 * MIB, "the fetch allocated " + allocated + " bytes for a 1 MiB cap");
        assertTrue(why.contains("more than " + OCSP_MAX + " bytes"), why);
        server.awaitClosedByClient(1);
        assertTrue(server.bytesSent() < huge / 4, "the server sent " + server.bytesSent() + " bytes");
    }

    @Test
    void aBodyAnnouncedOverTheCapIsRefusedUnread() throws Exception {
        MisbehavingHttpServer server = servers.start(huge(200 * MIB, true));
        HttpFetch http = new HttpFetch(Duration.ofSeconds(20), OCSP_MAX, callbacks);
        String why = failure(http, http.post(server.url("/ocsp"), "application/ocsp-request", new byte[10]));
        assertTrue(why.contains("announces " + 200 * MIB + " bytes, more than " + OCSP_MAX), why);
        server.awaitClosedByClient(1);
    }

    @Test
    void aDripOrAHangBeforeOrAfterTheHeadersIsCutAtTheDeadlineOfTheWholeBodyAndItsConnectionClosed()
            throws Exception {
        for (MisbehavingHttpServer.Behaviour slow : List.of(drip(200, 1_000_000, Duration.ofMillis(100)),
                hangAfterHeaders(), hang())) {
            MisbehavingHttpServer server = servers.start(slow);
            HttpFetch http = new HttpFetch(Duration.ofSeconds(1), OCSP_MAX, callbacks);
            assertEquals("timed out after 1000 ms", failure(http, http.get(server.url("/ca.crl"))));
            server.awaitClosedByClient(1);
            assertTrue(server.bytesSent() < 1000, "sent " + server.bytesSent() + " bytes");
        }
    }

    @Test
    void theBodyOfAnErrorIsNotRead() throws Exception {
        MisbehavingHttpServer server = servers.start(endless(503));
        HttpFetch http = new HttpFetch(Duration.ofSeconds(60), OCSP_MAX, callbacks);
        String why = failure(http, http.get(server.url("/ca.crl")));
        assertTrue(why.endsWith("/ca.crl: HTTP 503"), why);
        server.awaitClosedByClient(1);
    }

    @Test
    void aBodyWithinTheCapIsReturnedWhole() throws Exception {
        byte[] body = new byte[300_000];
        Arrays.fill(body, (byte) 7);
        MisbehavingHttpServer server = servers.start(answer(200, body));
        HttpFetch http = new HttpFetch(Duration.ofSeconds(10), OCSP_MAX, callbacks);
        assertTrue(Arrays.equals(body, http.get(server.url("/ca.crl")).get(30, TimeUnit.SECONDS)));
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A server that answers one request per connection with keep-alive and then closes the connection when the
     * next request arrives on it, without a byte of answer: the race of a responder closing an idle connection
     * just as the client reuses it. The POST is sent again on a new connection (OCSP requests are POSTs).
     */
    @Test
    void aPostOnAKeptAliveConnectionTheServerClosedIsSentAgainOnANewOne() throws Exception {
        byte[] ok = "fine".getBytes(StandardCharsets.US_ASCII);
        ThreadLocal<Integer> onThisConnection = ThreadLocal.withInitial(() -> 0);
        MisbehavingHttpServer server = servers.start((request, socket, out) -> {
            int n = onThisConnection.get();
            onThisConnection.set(n + 1);
            if (n > 0) {
                socket.close();                                   // the second request on it: no answer
                return;
            }
            out.write(MisbehavingHttpServer.head(200, "Content-Length: " + ok.length));
            out.write(ok);
            out.flush();
        });
        HttpFetch http = new HttpFetch(Duration.ofSeconds(20), OCSP_MAX, callbacks);
        for (int i = 0; i < 3; i++) {
            byte[] body = http.post(server.url("/ocsp"), "application/ocsp-request", new byte[10])
                    .get(30, TimeUnit.SECONDS);
            assertEquals("fine", new String(body, StandardCharsets.US_ASCII), "request " + i);
        }
        assertEquals(3, server.accepted(), "each request after the first met a closed connection, then a new one");
    }
}
