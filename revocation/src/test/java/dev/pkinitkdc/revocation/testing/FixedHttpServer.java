package dev.pkinitkdc.revocation.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HttpServer on 127.0.0.1 that answers every GET or POST with one settable status and body, counting
 * requests: for answers a real server will not give on demand (HTTP errors, stale or hand-built documents).
 */
public final class FixedHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status = 200;
    private volatile byte[] body = new byte[0];

    public FixedHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(LoopbackPorts.LOOPBACK, 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public FixedHttpServer answer(int httpStatus, byte[] content) {
        this.status = httpStatus;
        this.body = content.clone();
        return this;
    }

    public int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] content = body;
            exchange.sendResponseHeaders(status, content.length == 0 ? -1 : content.length);
            if (content.length > 0) {
                exchange.getResponseBody().write(content);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
