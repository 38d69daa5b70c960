package dev.pkinitkdc.revocation.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Asynchronous HTTP GET and POST for OCSP (RFC 6960 A.1) and CRL distribution points (RFC 5280 4.2.1.13), each
 * bounded by a timeout that covers connecting, waiting and reading. No caller thread waits: the JDK client's
 * selector completes the future, and its completion runs on {@code callbacks}.
 */
public final class HttpFetch {
    private final HttpClient client;
    private final Duration timeout;
    private final long maxBytes;

    public HttpFetch(Duration timeout, long maxBytes, Executor callbacks) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
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
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new HttpFetchException(request.uri() + ": HTTP " + response.statusCode());
                    }
                    byte[] body = response.body();
                    if (body.length > maxBytes) {
                        throw new HttpFetchException(request.uri() + ": " + body.length + " bytes, more than "
                                + maxBytes);
                    }
                    return body;
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
