package dev.pkinitkdc.revocation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One in-flight operation per key: callers that ask while it runs share its result instead of starting another
 * (many logons with certificates of one CertID cost one OCSP request).
 */
public final class SingleFlight<K, V> {
    private final ConcurrentHashMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

    /** The running operation for {@code key}, or a new one from {@code start}; each caller gets its own copy. */
    public CompletableFuture<V> join(K key, Supplier<CompletableFuture<V>> start) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running.copy();
        }
        try {
            start.get().whenComplete((value, failure) -> {
                // removed before completing, so whoever comes next finds what the operation left (the cache)
                inFlight.remove(key, mine);
                if (failure != null) {
                    mine.completeExceptionally(failure);
                } else {
                    mine.complete(value);
                }
            });
        } catch (RuntimeException e) {
            inFlight.remove(key, mine);
            mine.completeExceptionally(e);
        }
        return mine.copy();
    }

    /** Fails every running operation with {@code reason} now (on shutdown); their late results are dropped. */
    public void abandonAll(RuntimeException reason) {
        inFlight.values().forEach(future -> future.completeExceptionally(reason));
        inFlight.clear();
    }

    public int size() {
        return inFlight.size();
    }
}
