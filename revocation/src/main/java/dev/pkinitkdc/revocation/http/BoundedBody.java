package dev.pkinitkdc.revocation.http;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a cap, enforced while it streams: the chunk that would pass the cap
 * cancels the download (the connection is closed) instead of buffering a body of any size and measuring it
 * afterwards. {@link #cancel} ends a download whose deadline has passed.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final URI uri;
    private final long maxBytes;
    /** The buffers as they came, copied once; joined once at the end (no doubling growth, no second copy). */
    private final List<byte[]> received = new ArrayList<>();
    private long size;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    BoundedBody(URI uri, long maxBytes) {
        this.uri = uri;
        this.maxBytes = Math.min(maxBytes, Integer.MAX_VALUE - 8);   // the most one byte[] holds
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (body.isDone()) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (size + buffer.remaining() > maxBytes) {
                subscription.cancel();
                body.completeExceptionally(new HttpFetch.HttpFetchException(uri + ": more than " + maxBytes
                        + " bytes"));
                received.clear();
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            received.add(chunk);
            size += chunk.length;
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        byte[] all = new byte[(int) size];
        int at = 0;
        for (byte[] chunk : received) {
            System.arraycopy(chunk, 0, all, at, chunk.length);
            at += chunk.length;
        }
        received.clear();
        body.complete(all);
    }

    /**
     * A body that is not read at all (an error status, a redirect, a length over the cap): the subscription is
     * cancelled at once, which closes the connection, and the body is empty, or {@code failure} if given.
     */
    static HttpResponse.BodySubscriber<byte[]> unread(Exception failure) {
        return new HttpResponse.BodySubscriber<>() {
            private final CompletableFuture<byte[]> body = failure == null
                    ? CompletableFuture.completedFuture(new byte[0]) : CompletableFuture.failedFuture(failure);

            @Override
            public CompletionStage<byte[]> getBody() {
                return body;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.cancel();
            }

            @Override
            public void onNext(List<ByteBuffer> buffers) {
            }

            @Override
            public void onError(Throwable error) {
            }

            @Override
            public void onComplete() {
            }
        };
    }

    /** Stops reading: the download is abandoned and its connection closed. */
    void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        body.cancel(false);
    }
}
