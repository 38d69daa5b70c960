package dev.pkinitkdc.revocation.http;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most {@code max} fetches at once to one {@link Origin}; further ones wait in a queue of at most
 * {@code max * WAITING_PER_SLOT}, in order, and beyond it are refused at once. A waiting fetch keeps its own
 * deadline (the wait counts against it), so a hanging origin costs every fetch its timeout and no more, and
 * never more than {@code max} connections. One limit is shared by the OCSP and CRL sources of a KDC.
 */
public final class PerOriginLimit {
    public static final int DEFAULT_MAX = 4;
    static final int WAITING_PER_SLOT = 16;

    private final int max;
    private final Map<Origin, Queue> origins = new HashMap<>();

    public PerOriginLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one fetch per origin");
        }
        this.max = max;
    }

    public int max() {
        return max;
    }

    /** A slot now, later (when one is released) or never (the queue is full: fails with the reason). */
    CompletableFuture<Slot> enter(Origin origin) {
        synchronized (origins) {
            Queue queue = origins.computeIfAbsent(origin, o -> new Queue());
            if (queue.running < max) {
                queue.running++;
                return CompletableFuture.completedFuture(new Slot(origin));
            }
            queue.waiting.removeIf(CompletableFuture::isDone);   // abandoned: timed out while waiting
            if (queue.waiting.size() >= max * WAITING_PER_SLOT) {
                return CompletableFuture.failedFuture(new HttpFetch.HttpFetchException(origin + ": " + max
                        + " fetches running and " + queue.waiting.size() + " waiting, no more queued"));
            }
            CompletableFuture<Slot> waiting = new CompletableFuture<>();
            queue.waiting.add(waiting);
            return waiting;
        }
    }

    /** Hands the slot to the next fetch still waiting, or frees it. Completed outside the lock. */
    private void release(Origin origin) {
        while (true) {
            CompletableFuture<Slot> next;
            synchronized (origins) {
                Queue queue = origins.get(origin);
                next = queue.waiting.poll();
                if (next == null) {
                    if (--queue.running == 0) {
                        origins.remove(origin);
                    }
                    return;
                }
            }
            if (next.complete(new Slot(origin))) {
                return;
            }
        }
    }

    /** How many fetches to {@code origin} hold a slot now. */
    int running(Origin origin) {
        synchronized (origins) {
            Queue queue = origins.get(origin);
            return queue == null ? 0 : queue.running;
        }
    }

    private static final class Queue {
        int running;
        final ArrayDeque<CompletableFuture<Slot>> waiting = new ArrayDeque<>();
    }

    /** The right to one fetch to one origin; released once, when the fetch is over. */
    final class Slot {
        private final Origin origin;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(Origin origin) {
            this.origin = origin;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                PerOriginLimit.this.release(origin);
            }
        }
    }
}
