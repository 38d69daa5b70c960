package dev.pkinitkdc.kdc.stage.trust.ntauth;

import dev.pkinitkdc.kdc.support.DaemonThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NTAuth store the validate stage reads: an immutable snapshot behind an {@link AtomicReference}, reloaded
 * every {@code interval} on a daemon thread of its own (never on a request path), as a Windows DC picks up
 * NTAuth changes by replication and autoenrollment's periodic download. A change is logged in one line; a failed
 * reload keeps the last good snapshot and logs why. The first load happens in {@link #start} and must succeed.
 */
public final class RefreshingNtAuthStore implements Supplier<NtAuthStore>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshingNtAuthStore.class);

    private final NtAuthSource source;
    private final AtomicReference<NtAuthStore> current;
    private final ScheduledExecutorService scheduler;

    private RefreshingNtAuthStore(NtAuthSource source, NtAuthStore first) {
        this.source = source;
        this.current = new AtomicReference<>(first);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("kdc-ntauth"));
    }

    /** Loads the store once (failing: {@link IOException} naming the source), then reloads every interval. */
    public static RefreshingNtAuthStore start(NtAuthSource source, Duration interval) throws IOException {
        NtAuthStore first;
        try {
            first = source.load();
        } catch (IOException e) {
            throw new IOException("NTAuth store (" + source.describe() + ") could not be read: " + e.getMessage(), e);
        }
        LOG.info("NTAuth store from {}: {} CA(s) {}; reloaded every {}", source.describe(), first.cas().size(),
                first.describe(), interval);
        RefreshingNtAuthStore store = new RefreshingNtAuthStore(source, first);
        store.scheduler.scheduleWithFixedDelay(store::refresh, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return store;
    }

    @Override
    public NtAuthStore get() {
        return current.get();
    }

    /** One reload: swap in the new snapshot and log what changed, or keep the old one and log why not. */
    void refresh() {
        try {
            NtAuthStore next = source.load();
            NtAuthStore before = current.getAndSet(next);
            next.changesSince(before).ifPresent(change -> LOG.info("NTAuth store changed ({}): {}",
                    source.describe(), change));
        } catch (IOException | RuntimeException e) {
            LOG.warn("NTAuth store refresh from {} failed, keeping the last good store ({} CA(s)): {}",
                    source.describe(), current.get().cas().size(), e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
