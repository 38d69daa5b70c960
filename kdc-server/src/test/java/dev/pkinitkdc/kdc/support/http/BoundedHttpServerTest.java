package dev.pkinitkdc.kdc.support.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.support.http.BoundedHttpServer.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bounds of the small HTTP server on a real socket, beyond the slow clients of the lab and metrics tests: header
 * and chunked-body limits, one request per connection, a failing responder.
 */
class BoundedHttpServerTest {
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final HttpServerLimits LIMITS = new HttpServerLimits(Duration.ofSeconds(5), 1024, 8, 8);

    private BoundedHttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = BoundedHttpServer.start("test-http", new InetSocketAddress("127.0.0.1", 0), LIMITS, 1, request -> {
            if (request.rawPath().equals("/fail")) {
                throw new IOException("the responder failed");
            }
            return Response.ok("text/plain", (request.method() + " " + request.rawPath() + " "
                    + request.body().length).getBytes(StandardCharsets.US_ASCII));
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Sends {@code request} and returns all the server sent until it closed the connection. */
    private String exchange(String request) throws IOException {
        try (SlowHttpClients client = new SlowHttpClients(server.address())) {
            Socket s = client.connect("127.0.0.1");
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return SlowHttpClients.readUntilClosed(s, WITHIN);
        }
    }

    @Test
    void headersOverTheLimitGet431AndTheConnectionIsClosed() throws IOException {
        String reply = exchange("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(BoundedHttpServer.MAX_HEADERS)
                + "\r\n\r\n");
        assertTrue(reply.startsWith("HTTP/1.1 431 "), reply);
    }

    @Test
    void aChunkedBodyPastTheLimitGets413() throws IOException {
        String chunk = "400\r\n" + "b".repeat(1024) + "\r\n";
        String reply = exchange("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk
                + "0\r\n\r\n");
        assertTrue(reply.startsWith("HTTP/1.1 413 "), reply);
    }

    @Test
    void aBodyAtTheLimitIsTakenAndOnlyTheFirstOfPipelinedRequestsIsAnswered() throws IOException {
        String post = "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 1024\r\n\r\n" + "c".repeat(1024);
        String reply = exchange(post + "GET /b HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(reply.startsWith("HTTP/1.1 200 "), reply);
        assertTrue(reply.contains("Connection: close") || reply.contains("connection: close"), reply);
        assertTrue(reply.endsWith("POST /a 1024"), reply);
        assertEquals(1, reply.split("HTTP/1.1 ", -1).length - 1, reply);
    }

    @Test
    void aFailingResponderIs500() throws IOException {
        String reply = exchange("GET /fail HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(reply.startsWith("HTTP/1.1 500 "), reply);
    }
}
