package dev.pkinitkdc.kdc.tool.bench;

import dev.pkinitkdc.kdc.support.DaemonThreads;
import dev.pkinitkdc.pkinit.client.PkinitAsReq;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

/**
 * AS-REQs built and signed ahead of time, so the client's own crypto does not compete with the KDC during the
 * window. Each has its own nonce and key pair; its ctime is its build time, and one older than {@link #MAX_AGE}
 * (inside the usual 5-minute skew, RFC 4120 1.6) is dropped. When the stock runs out, requests are built on
 * demand on the builder threads and counted.
 */
final class RequestSupply implements AutoCloseable {
    static final Duration MAX_AGE = Duration.ofMinutes(4);

    /** The bytes to send, and the request itself when replies are to be verified (it holds the key pair). */
    record Prebuilt(byte[] encoded, PkinitAsReq request, long builtNanos) {
    }

    private final PkinitClient client;
    private final PrincipalName cname;
    private final String realm;
    private final boolean keepRequests;
    private final ConcurrentLinkedQueue<Prebuilt> stock = new ConcurrentLinkedQueue<>();
    private final ExecutorService builders;
    private final AtomicLong builtOnDemand = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean toppingUp = new AtomicBoolean();

    RequestSupply(PkinitClient client, PrincipalName cname, String realm, boolean keepRequests) {
        this.client = client;
        this.cname = cname;
        this.realm = realm;
        this.keepRequests = keepRequests;
        this.builders = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                DaemonThreads.named("bench-build"));
    }

    /** Builds {@code count} requests on every core and waits for them. */
    void fill(int count) {
        int threads = Runtime.getRuntime().availableProcessors();
        List<CompletableFuture<Void>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = count / threads + (t < count % threads ? 1 : 0);
            parts.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < share; i++) {
                    stock.add(build());
                }
            }, builders));
        }
        CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).join();
    }

    /**
     * Builds on every builder thread, in the background, until the stock holds {@code target} requests or
     * {@code deadlineNanos} (System.nanoTime) passes; a call while a top-up runs does nothing.
     */
    void topUp(long target, long deadlineNanos) {
        if (!toppingUp.compareAndSet(false, true)) {
            return;
        }
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicInteger running = new AtomicInteger(threads);
        for (int t = 0; t < threads; t++) {
            builders.execute(() -> {
                try {
                    while (stock.size() < target && System.nanoTime() - deadlineNanos < 0) {
                        stock.add(build());
                    }
                } finally {
                    if (running.decrementAndGet() == 0) {
                        toppingUp.set(false);
                    }
                }
            });
        }
    }

    /** The next fresh request: from the stock, else built now on a builder thread. */
    CompletableFuture<Prebuilt> next() {
        long oldest = System.nanoTime() - MAX_AGE.toNanos();
        for (Prebuilt p = stock.poll(); p != null; p = stock.poll()) {
            if (p.builtNanos() - oldest > 0) {
                return CompletableFuture.completedFuture(p);
            }
            dropped.incrementAndGet();
        }
        builtOnDemand.incrementAndGet();
        return CompletableFuture.supplyAsync(this::build, builders);
    }

    Prebuilt build() {
        long now = System.nanoTime();
        PkinitAsReq request = client.newAsReq(cname, realm);
        return new Prebuilt(request.encoded(), keepRequests ? request : null, now);
    }

    int inStock() {
        return stock.size();
    }

    long builtOnDemand() {
        return builtOnDemand.get();
    }

    long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        builders.shutdownNow();
    }
}
