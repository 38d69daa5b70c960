package dev.pkinitkdc.kdc.transport.dispatch;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.kdc.support.cache.ReplyRing;
import dev.pkinitkdc.kdc.support.telemetry.CacheCounts;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lookaside cache of MIT krb5's KDC (kdc/replay.c): a request that arrives again byte for byte within
 * {@code window} gets the reply computed for the first copy (the same future while that is still being computed),
 * over either transport. Clients retransmit over UDP, and retry the same bytes over TCP after
 * KRB_ERR_RESPONSE_TOO_BIG; neither must be taken for a replayed AuthPack (RFC 4556 3.2.2), which
 * {@code AuthPackReplayCache} refuses only inside a different request.
 *
 * <p>Replies are cached whole, before any UDP size limit, so the TCP retry gets the full reply. Bounded: entries
 * expire after {@code window}, and beyond {@code maxEntries}, or {@code maxBytes} of replies (as MIT bounds its
 * cache by size), the oldest are dropped. Finished replies live in a {@link ReplyRing}, outside the objects a
 * young garbage collection copies; only requests still being answered are objects here.
 *
 * <p>A stage of {@link KdcDispatch}, as MIT's kdc_check_lookaside and kdc_insert_lookaside are steps of
 * dispatch.c: it says whether an answer is a replay, so the dispatch can give it its audit line.
 */
public final class LookasideCache {
    private static final Logger LOG = LoggerFactory.getLogger(LookasideCache.class);

    /**
     * The reply to one request, and whether it is an earlier copy's (a retransmission) rather than computed for
     * this one.
     */
    public record Answer(CompletableFuture<byte[]> reply, boolean replayed) {
    }

    private final Duration window;
    private final Clock clock;
    private final ReplyRing replies;
    /** Requests being answered, by the SHA-256 of their bytes; guarded by this. */
    private final Map<ByteBuffer, CompletableFuture<byte[]>> pending = new HashMap<>();
    private final CacheCounts counts;

    /**
     * @param maxBytes the most reply bytes held together (MIT: LOOKASIDE_MAX_SIZE, 10 MiB)
     * @param counts where hits (answered from the cache) and misses are counted
     */
    public LookasideCache(Duration window, int maxEntries, int maxBytes, Clock clock, CacheCounts counts) {
        this.counts = counts;
        this.window = window;
        this.clock = clock;
        this.replies = new ReplyRing(maxEntries, maxBytes);
    }

    /**
     * The reply an earlier copy of {@code request} got or is getting, else {@code compute}'s, kept for the copies
     * that follow.
     */
    public Answer answer(InetSocketAddress peer, Transport transport, byte[] request,
                         Supplier<CompletableFuture<byte[]>> compute) {
        long arrived = clock.millis();
        byte[] digest = sha256(request);
        ByteBuffer key = ByteBuffer.wrap(digest);
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> cached;
        synchronized (this) {
            byte[] reply = replies.get(digest, arrived);
            cached = reply != null ? CompletableFuture.completedFuture(reply) : pending.putIfAbsent(key, mine);
        }
        if (cached != null) {
            counts.hit();
            LOG.debug("{} request from {} answered from the lookaside cache", transport.scheme(),
                    peer == null ? "-" : peer.getAddress().getHostAddress());
            return new Answer(cached, true);
        }
        counts.miss();
        compute.get().whenComplete((reply, error) -> {
            synchronized (this) {
                pending.remove(key);
                if (error == null) {
                    replies.put(digest, reply, arrived + window.toMillis(), clock.millis());
                }
            }
            if (error != null) {
                mine.completeExceptionally(error);
            } else {
                mine.complete(reply);
            }
        });
        return new Answer(mine, false);
    }

    /** Requests answered from the cache (retransmissions) and those passed on, for metrics. */
    public CacheCounts counts() {
        return counts;
    }

    /** Replies held. */
    public synchronized int size() {
        return replies.size();
    }

    private static byte[] sha256(byte[] request) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(request);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
