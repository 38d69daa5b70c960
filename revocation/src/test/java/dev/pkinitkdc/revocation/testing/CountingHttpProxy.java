package dev.pkinitkdc.revocation.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP forwarding server on 127.0.0.1 (JDK HttpServer) in front of a real server: it counts the requests
 * it receives and can hold them until {@link #release()}, so a test can see how many requests many concurrent
 * checks cause. Holding is bounded by 20 s.
 */
public final class CountingHttpProxy implements AutoCloseable {
    private static final Duration HOLD_LIMIT = Duration.ofSeconds(20);

    private final URI upstream;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final AtomicInteger requests = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile int failWith;

    public CountingHttpProxy(URI upstream) {
        this.upstream = upstream;
        try {
            server = HttpServer.create(new InetSocketAddress(LoopbackPorts.LOOPBACK, 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::forward);
        server.setExecutor(threads);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public int requests() {
        return requests.get();
    }

    /** Requests from now on wait, at most 20 s, until {@link #release()}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        gate.countDown();
    }

    /** From now on every request is answered with {@code httpStatus} (e.g. 503), not forwarded; 0 forwards again. */
    public void failWith(int httpStatus) {
        failWith = httpStatus;
    }

    private void forward(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (failWith != 0) {
                exchange.sendResponseHeaders(failWith, -1);
                return;
            }
            if (!gate.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                exchange.sendResponseHeaders(504, -1);
                return;
            }
            HttpURLConnection connection = (HttpURLConnection) upstream.toURL().openConnection();
            connection.setConnectTimeout(5000);
            connection.setReadTimeout(10000);
            connection.setRequestMethod(exchange.getRequestMethod());
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                connection.setRequestProperty("Content-Type", type);
            }
            if (body.length > 0) {
                connection.setDoOutput(true);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            byte[] answer;
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                answer = in == null ? new byte[0] : in.readAllBytes();
            }
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        gate.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
