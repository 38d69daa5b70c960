package dev.pkinitkdc.kdc.pipeline;

import dev.pkinitkdc.kdc.transport.KdcRequestHandler;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * expire after {@code window}, and beyond {@code maxEntries} the oldest are dropped.
 */
public final class LookasideCache implements KdcRequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LookasideCache.class);
    private final KdcRequestHandler next;
    private final Duration window;
    private final int maxEntries;
    private final Clock clock;
    private final LinkedHashMap<ByteBuffer, Entry> entries = new LinkedHashMap<>();

    private record Entry(CompletableFuture<byte[]> reply, Instant expires) {
    }

    public LookasideCache(KdcRequestHandler next, Duration window, int maxEntries, Clock clock) {
        this.next = next;
        this.window = window;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<byte[]> handle(InetSocketAddress peer, String transport, byte[] request) {
        ByteBuffer key = ByteBuffer.wrap(sha256(request));
        Instant now = clock.instant();
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        synchronized (entries) {
            expire(now);
            Entry cached = entries.get(key);
            if (cached != null) {
                LOG.debug("{} request from {} answered from the lookaside cache", transport,
                        peer == null ? "-" : peer.getAddress().getHostAddress());
                return cached.reply();
            }
            entries.put(key, new Entry(mine, now.plus(window)));
            while (entries.size() > maxEntries) {
                Iterator<ByteBuffer> oldest = entries.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
        next.handle(peer, transport, request).whenComplete((reply, error) -> {
            if (error != null) {
                mine.completeExceptionally(error);
            } else {
                mine.complete(reply);
            }
        });
        return mine;
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private void expire(Instant now) {
        Iterator<Map.Entry<ByteBuffer, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            if (!it.next().getValue().expires().isBefore(now)) {
                return;
            }
            it.remove();
        }
    }

    private static byte[] sha256(byte[] request) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(request);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
