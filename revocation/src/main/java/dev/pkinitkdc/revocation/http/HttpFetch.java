package dev.pkinitkdc.revocation.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Asynchronous HTTP GET and POST for OCSP (RFC 6960 A.1) and CRL distribution points (RFC 5280 4.2.1.13), each
 * fetch bounded:
 * <ul>
 *   <li>in time, by one deadline for everything (waiting for a slot, connecting, redirects, the whole body);
 *   at the deadline the exchange is cancelled and its connection closed before the caller hears of it;</li>
 *   <li>in bytes, by a cap enforced while the body streams (a larger Content-Length is refused unread);</li>
 *   <li>in connections, by {@link PerOriginLimit} (shared by the KDC's revocation sources);</li>
 *   <li>in redirects, by {@link Redirects}: followed here, never by the JDK client (whose NORMAL policy follows
 *   to any host).</li>
 * </ul>
 * Only a 200 body is read; any other status closes the connection unread. No caller thread waits: the JDK
 * client's selector drives the exchange and the caller's future completes on {@code callbacks}.
 */
public final class HttpFetch {
    private final HttpClient client;
    private final Duration timeout;
    private final long maxBytes;
    private final HttpLimits limits;
    private final Executor callbacks;

    /** With {@link HttpLimits#defaults()}: no redirects, a per-origin limit of its own. */
    public HttpFetch(Duration timeout, long maxBytes, Executor callbacks) {
        this(timeout, maxBytes, callbacks, HttpLimits.defaults());
    }

    public HttpFetch(Duration timeout, long maxBytes, Executor callbacks, HttpLimits limits) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)   // one exchange, one connection: cancel closes it
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(callbacks)
                .build();
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.limits = limits;
        this.callbacks = callbacks;
    }

    public Duration timeout() {
        return timeout;
    }

    public CompletableFuture<byte[]> get(URI uri) {
        return fetch(new Hop(uri, null, null));
    }

    public CompletableFuture<byte[]> post(URI uri, String contentType, byte[] body) {
        return fetch(new Hop(uri, contentType, body.clone()));
    }

    /** One request of a fetch: the first, or the same request sent again to a redirect's target. */
    private record Hop(URI uri, String contentType, byte[] body) {
        HttpRequest request(Duration left) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(left);
            return body == null ? builder.GET().build() : builder.header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        }

        Hop to(URI target) {
            return new Hop(target, contentType, body);
        }
    }

    private CompletableFuture<byte[]> fetch(Hop first) {
        Download download;
        try {
            download = new Download(first.uri(), Origin.of(first.uri()), System.nanoTime() + timeout.toNanos());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new HttpFetchException(first.uri() + ": not an http(s) URL"));
        }
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS, Runnable::run)
                .execute(download::expire);
        download.waiting(limits.perOrigin().enter(download.origin))
                .thenCompose(slot -> download.holding(slot) ? hop(download, first, 0)
                        : CompletableFuture.<byte[]>failedFuture(new IllegalStateException("over")))
                .whenComplete(download::finish);
        // expiry completes on the JDK's delay thread; the caller continues on its own executor
        return download.result.whenCompleteAsync((bytes, failure) -> { }, callbacks);
    }

    private CompletableFuture<byte[]> hop(Download download, Hop hop, int followed) {
        return send(download, hop, true).thenCompose(response -> {
            int status = response.statusCode();
            if (status == 200) {
                return CompletableFuture.completedFuture(response.body());
            }
            if (status / 100 == 3 && response.headers().firstValue("Location").isPresent()) {
                return redirect(download, hop, status, response.headers().firstValue("Location").get(), followed);
            }
            throw new HttpFetchException(hop.uri() + ": HTTP " + status);
        });
    }

    /**
     * Sends one request. A kept-alive connection the server closed just as it was reused ends without a byte of
     * answer (RFC 9112 9.3.1: the client may retry then); the JDK client retries that only for GET, so an OCSP
     * POST is sent once more, on a new connection, within the same deadline.
     */
    private CompletableFuture<HttpResponse<byte[]>> send(Download download, Hop hop, boolean mayRetry) {
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(hop.request(download.left()),
                info -> download.body(hop.uri(), info));
        download.exchange(exchange);
        return !mayRetry ? exchange : exchange.exceptionallyCompose(failure -> closedBeforeAnswering(failure)
                ? send(download, hop, false) : CompletableFuture.failedFuture(failure));
    }

    /** The JDK's "HTTP/1.1 header parser received no bytes": the connection ended before any answer. */
    private static boolean closedBeforeAnswering(Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return t instanceof IOException && !(t instanceof HttpTimeoutException) && t.getMessage() != null
                && t.getMessage().contains("received no bytes");
    }

    /** A redirect (RFC 9110 15.4) under the configured policy; the same request goes to the target. */
    private CompletableFuture<byte[]> redirect(Download download, Hop hop, int status, String location,
                                               int followed) {
        URI target;
        try {
            target = hop.uri().resolve(location);
        } catch (IllegalArgumentException e) {
            throw new HttpFetchException(hop.uri() + ": HTTP " + status + " redirect to a bad Location");
        }
        Optional<String> refused = limits.redirects().refusal(download.origin, target, followed);
        if (refused.isPresent()) {
            throw new HttpFetchException(hop.uri() + ": HTTP " + status + " redirect to " + shortened(target)
                    + " not followed: " + refused.get());
        }
        return hop(download, hop.to(target), followed + 1);
    }

    private static String shortened(URI target) {
        String text = target.toString();
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /**
     * One fetch: its deadline, its per-origin slot, the exchange and body of its current hop. Whatever ends it
     * first (the last byte, a failure, the deadline) stops the others: the body is cancelled and the exchange
     * aborted (closing the connection) and the slot released, before the caller's future completes.
     */
    private final class Download {
        final URI uri;
        final Origin origin;
        final long deadline;
        final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private CompletableFuture<PerOriginLimit.Slot> waiting;
        private PerOriginLimit.Slot slot;
        private CompletableFuture<?> exchange;
        private BoundedBody reading;
        private boolean over;

        Download(URI uri, Origin origin, long deadline) {
            this.uri = uri;
            this.origin = origin;
            this.deadline = deadline;
        }

        Duration left() {
            return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
        }

        synchronized CompletableFuture<PerOriginLimit.Slot> waiting(CompletableFuture<PerOriginLimit.Slot> queued) {
            waiting = queued;
            return queued;
        }

        synchronized boolean holding(PerOriginLimit.Slot granted) {
            if (over) {
                granted.release();
                return false;
            }
            slot = granted;
            return true;
        }

        synchronized void exchange(CompletableFuture<?> started) {
            if (over) {
                started.cancel(true);
            } else {
                exchange = started;
            }
        }

        /** The subscriber for a response: a bounded body for 200, nothing read otherwise. */
        synchronized HttpResponse.BodySubscriber<byte[]> body(URI from, HttpResponse.ResponseInfo info) {
            if (info.statusCode() != 200) {
                return BoundedBody.unread(null);
            }
            long announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (announced > maxBytes) {
                return BoundedBody.unread(new HttpFetchException(from + ": announces " + announced
                        + " bytes, more than " + maxBytes));
            }
            BoundedBody body = new BoundedBody(from, maxBytes);
            if (over) {
                body.cancel();
            } else {
                reading = body;
            }
            return body;
        }

        void expire() {
            finish(null, new HttpTimeoutException(uri + ": no complete answer within " + timeout.toMillis()
                    + " ms"));
        }

        void finish(byte[] bytes, Throwable failure) {
            CompletableFuture<PerOriginLimit.Slot> queued;
            PerOriginLimit.Slot held;
            CompletableFuture<?> running;
            BoundedBody body;
            synchronized (this) {
                if (over) {
                    return;
                }
                over = true;
                queued = waiting;
                held = slot;
                running = exchange;
                body = reading;
            }
            if (failure != null) {
                if (body != null) {
                    body.cancel();            // closes the connection of a body still streaming
                }
                if (running != null) {
                    running.cancel(true);     // aborts an exchange still waiting for its headers
                }
                if (queued != null) {
                    queued.cancel(false);     // gives up a place in the origin's queue
                }
            }
            if (held != null) {
                held.release();
            }
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(bytes);
            }
        }
    }

    /** Why a fetch gave no usable body (status, size, redirect, limit); timeouts and I/O errors are their own. */
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
        if (t instanceof java.util.concurrent.TimeoutException || t instanceof HttpTimeoutException) {
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
