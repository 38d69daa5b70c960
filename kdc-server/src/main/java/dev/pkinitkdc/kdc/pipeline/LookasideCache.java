package dev.pkinitkdc.kdc.pipeline;

import dev.pkinitkdc.kdc.cache.TimedEntries;
import dev.pkinitkdc.kdc.telemetry.CacheCounts;
import dev.pkinitkdc.kdc.transport.KdcRequestHandler;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
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
 * expire after {@code window}, and beyond {@code maxEntries}, or {@code maxBytes} of requests and replies (as MIT
 * bounds its cache by size), the oldest are dropped. A small bound also keeps the cache from making every young
 * garbage collection copy minutes of replies.
 */
public final class LookasideCache implements KdcRequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LookasideCache.class);

    private final KdcRequestHandler next;
    private final Duration window;
    private final Clock clock;
    private final TimedEntries<CompletableFuture<byte[]>> replies;
    private final CacheCounts counts;

    /**
     * @param maxBytes the most request and reply bytes held together (MIT: LOOKASIDE_MAX_SIZE, 10 MiB)
     * @param counts where hits (answered from the cache) and misses are counted
     */
    public LookasideCache(KdcRequestHandler next, Duration window, int maxEntries, long maxBytes, Clock clock,
                          CacheCounts counts) {
        this.counts = counts;
        this.next = next;
        this.window = window;
        this.clock = clock;
        this.replies = new TimedEntries<>(maxEntries, maxBytes);
    }

    @Override
    public CompletableFuture<byte[]> handle(InetSocketAddress peer, String transport, byte[] request) {
        Instant now = clock.instant();
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        byte[] key = sha256(request);
        CompletableFuture<byte[]> cached = replies.putIfAbsent(key, mine, now.plus(window), now);
        if (cached != null) {
            counts.hit();
            LOG.debug("{} request from {} answered from the lookaside cache", transport,
                    peer == null ? "-" : peer.getAddress().getHostAddress());
            return cached;
        }
        counts.miss();
        next.handle(peer, transport, request).whenComplete((reply, error) -> {
            if (error != null) {
                mine.completeExceptionally(error);
            } else {
                replies.weigh(key, request.length + reply.length);
                mine.complete(reply);
            }
        });
        return mine;
    }

    /** Requests answered from the cache (retransmissions) and those passed on, for metrics. */
    public CacheCounts counts() {
        return counts;
    }

    public int size() {
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
