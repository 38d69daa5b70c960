package dev.pkinitkdc.kdc.support.cache;

import java.util.Arrays;

/**
 * Replies by the SHA-256 of their request, until an expiry, with the reply bytes copied into one array used as a
 * ring: the lookaside cache's store. Its memory is two allocations made once (the digests in a {@link DigestRing},
 * the bytes in an array of {@code maxBytes} allocated at the first reply), so the seconds of replies it holds are
 * never traced or copied by a young garbage collection. Beyond {@code maxEntries} or {@code maxBytes}, the oldest
 * replies make room. Not thread-safe: its caller guards it ({@code LookasideCache} does).
 */
public final class ReplyRing {
    private final DigestRing entries;
    private final int maxBytes;
    private byte[] bytes;

    public ReplyRing(int maxEntries, int maxBytes) {
        this.entries = new DigestRing(maxEntries);
        this.maxBytes = maxBytes;
    }

    /** A copy of the reply held for {@code digest} if it has not expired at {@code now}, else null. */
    public byte[] get(byte[] digest, long now) {
        int slot = entries.find(digest);
        if (slot < 0 || entries.expires(slot) < now) {
            return null;
        }
        long at = entries.data(slot);
        return Arrays.copyOfRange(bytes, offset(at), offset(at) + length(at));
    }

    /**
     * Holds {@code reply} for {@code digest} until {@code expires}. A digest held already keeps its reply; a reply
     * larger than the whole ring is not held.
     */
    public void put(byte[] digest, byte[] reply, long expires, long now) {
        entries.dropExpired(now);
        if (reply.length > maxBytes || entries.find(digest) >= 0) {
            return;
        }
        if (bytes == null) {
            bytes = new byte[maxBytes];
        }
        int offset = room(reply.length);
        System.arraycopy(reply, 0, bytes, offset, reply.length);
        entries.add(digest, expires, (long) offset << 32 | reply.length);
    }

    public int size() {
        return entries.size();
    }

    /** Where {@code length} bytes go: after the newest reply, else at the start; the oldest leave until they fit. */
    private int room(int length) {
        while (!entries.isEmpty()) {
            int head = offset(entries.oldestData());
            long newest = entries.newestData();
            int tail = offset(newest) + length(newest);
            boolean wrapped = offset(newest) < head;
            if (!wrapped && maxBytes - tail >= length) {
                return tail;
            }
            if (!wrapped && head >= length) {
                return 0;
            }
            if (wrapped && head - tail >= length) {
                return tail;
            }
            entries.dropOldest();
        }
        return 0;
    }

    private static int offset(long at) {
        return (int) (at >>> 32);
    }

    private static int length(long at) {
        return (int) at;
    }
}
