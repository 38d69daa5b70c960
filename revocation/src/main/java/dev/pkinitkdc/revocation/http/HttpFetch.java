package dev.pkinitkdc.revocation.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asynchronous HTTP GET and POST for OCSP (RFC 6960 A.1) and CRL distribution points (RFC 5280 4.2.1.13), each
 * bounded by a timeout that covers connecting, waiting and reading, and by a size enforced while the body streams
 * (the download is cancelled at the cap or at the deadline). No caller thread waits: the JDK client's selector
 * completes the future, and its completion runs on {@code callbacks}.
 */
public final class HttpFetch {
    private final HttpClient client;
    private final Duration timeout;
    private final long maxBytes;

    public HttpFetch(Duration timeout, long maxBytes, Executor callbacks) {
        this(timeout, maxBytes, callbacks, HttpClient.Redirect.NORMAL);
    }

    /** {@code redirects}: NEVER where the URL's host was checked and a redirect must not lead elsewhere. */
    public HttpFetch(Duration timeout, long maxBytes, Executor callbacks, HttpClient.Redirect redirects) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(redirects)
                .executor(callbacks)
                .build();
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    public Duration timeout() {
        return timeout;
    }

    public CompletableFuture<byte[]> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build());
    }

    public CompletableFuture<byte[]> post(URI uri, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private CompletableFuture<byte[]> send(HttpRequest request) {
        AtomicReference<BoundedBody> reading = new AtomicReference<>();
        return client.sendAsync(request, info -> {
                    BoundedBody body = new BoundedBody(request.uri(), maxBytes);
                    reading.set(body);
                    return body;
                })
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((response, failure) -> {
                    if (failure != null && reading.get() != null) {
                        reading.get().cancel();   // a body still trickling in past the deadline
                    }
                })
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new HttpFetchException(request.uri() + ": HTTP " + response.statusCode());
                    }
                    return response.body();
                });
    }

    /** Why a fetch gave no usable body (status, size); timeouts and I/O errors arrive as their own exceptions. */
    public static final class HttpFetchException extends RuntimeException {
        public HttpFetchException(String message) {
            super(message);
        }
    }

    /** A one-line reason for a failed fetch, for answers and logs: "timed out after 2000 ms", "HTTP 404", ... */
    public String describe(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof java.util.concurrent.TimeoutException
                || t instanceof java.net.http.HttpTimeoutException) {
            return "timed out after " + timeout.toMillis() + " ms";
        }
        if (t instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (t instanceof IOException io) {
            String type = io.getClass().getSimpleName();
            return Optional.ofNullable(io.getMessage()).map(m -> type + ": " + m).orElse(type);
        }
        return String.valueOf(t.getMessage());
    }
}
