package dev.pkinitkdc.kdc.transport.dispatch;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.kdc.transport.KdcRequestHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AS-REQ processor the listeners call, swapped atomically by a reload. Each request runs on the pipeline that was
 * current when it arrived; a replaced processor's parts are closed when its last request has finished, or after
 * {@link #CLOSE_BOUND} at the latest.
 */
public final class ReloadableHandler implements KdcRequestHandler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadableHandler.class);
    static final Duration CLOSE_BOUND = Duration.ofSeconds(60);

    /** One processor with the requests running on it, and once replaced, what closes its parts. */
    private final class Generation {
        final KdcRequestHandler handler;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();
        volatile AutoCloseable retiredParts;

        Generation(KdcRequestHandler handler) {
            this.handler = handler;
        }

        boolean retired() {
            return retiredParts != null;
        }

        void finished() {
            if (inFlight.decrementAndGet() == 0 && retired()) {
                closeParts();
            }
        }

        void closeParts() {
            if (closed.compareAndSet(false, true)) {
                retiring.remove(this);
                try {
                    retiredParts.close();
                } catch (Exception e) {
                    LOG.warn("closing the replaced processor's parts failed: {}", e.toString());
                }
            }
        }
    }

    private final AtomicReference<Generation> current;
    private final Set<Generation> retiring = ConcurrentHashMap.newKeySet();

    public ReloadableHandler(KdcRequestHandler first) {
        this.current = new AtomicReference<>(new Generation(first));
    }

    @Override
    public CompletableFuture<byte[]> handle(InetSocketAddress peer, Transport transport, byte[] request) {
        while (true) {
            Generation g = current.get();
            g.inFlight.incrementAndGet();
            if (g.retired()) {
                g.finished();   // replaced between the read and the count: take the new one
                continue;
            }
            CompletableFuture<byte[]> reply;
            try {
                reply = g.handler.handle(peer, transport, request);
            } catch (RuntimeException e) {
                g.finished();
                throw e;
            }
            return reply.whenComplete((r, e) -> g.finished());
        }
    }

    /**
     * Makes {@code next} the processor new requests run on; {@code retiredParts} closes what only the replaced one
     * used, once its requests have finished.
     */
    public void swap(KdcRequestHandler next, AutoCloseable retiredParts) {
        Generation old = current.getAndSet(new Generation(next));
        retiring.add(old);
        old.retiredParts = retiredParts;
        if (old.inFlight.get() == 0) {
            old.closeParts();
        } else {
            CompletableFuture.delayedExecutor(CLOSE_BOUND.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(old::closeParts);
        }
    }

    /** Closes the parts of replaced pipelines still waiting for their requests (the current one's are not ours). */
    @Override
    public void close() {
        retiring.forEach(Generation::closeParts);
    }
}
