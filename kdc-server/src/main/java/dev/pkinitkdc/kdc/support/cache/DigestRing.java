package dev.pkinitkdc.kdc.support.cache;

import java.nio.ByteBuffer;

/**
 * A first-in first-out set of SHA-256 digests, each with an expiry and one long of the caller's data, held in
 * arrays of primitives: no object per entry, so a cache of minutes of requests costs the garbage collector
 * nothing to trace or copy. Entries leave from the front: when expired, or when the set is full (then counted as
 * dropped early). The arrays grow by doubling up to {@code maxEntries}. Not thread-safe.
 */
public final class DigestRing {
    private static final int WORDS = 4;
    private static final int FIRST_CAPACITY = 256;

    private final int maxEntries;
    /** Digest words of slot s at [s * WORDS, s * WORDS + WORDS). */
    private long[] digests;
    private long[] expires;
    private long[] data;
    /** Open addressing, linear probing: slot + 1, or 0 for empty; at most half full. */
    private int[] index;
    private int head;
    private int size;
    private long droppedEarly;

    public DigestRing(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        this.maxEntries = maxEntries;
        allocate(Math.min(FIRST_CAPACITY, maxEntries));
    }

    /** The slot holding {@code digest} (expired or not), or -1. A slot is valid until the next change. */
    public int find(byte[] digest) {
        ByteBuffer words = words(digest);
        int mask = index.length - 1;
        for (int i = home(words.getLong(0), mask); index[i] != 0; i = (i + 1) & mask) {
            int slot = index[i] - 1;
            if (equal(slot, words)) {
                return slot;
            }
        }
        return -1;
    }

    public long expires(int slot) {
        return expires[slot];
    }

    public long data(int slot) {
        return data[slot];
    }

    /** Gives the entry in {@code slot} a new expiry and data; it keeps its place in the order. */
    public void renew(int slot, long newExpiry, long newData) {
        expires[slot] = newExpiry;
        data[slot] = newData;
    }

    /** Adds {@code digest} (not held) at the back; at {@code maxEntries}, the oldest entry is dropped first. */
    public void add(byte[] digest, long expiry, long value) {
        if (size == capacity()) {
            if (capacity() < maxEntries) {
                grow();
            } else {
                dropOldest();
                droppedEarly++;
            }
        }
        int slot = (head + size) % capacity();
        ByteBuffer words = words(digest);
        for (int w = 0; w < WORDS; w++) {
            digests[slot * WORDS + w] = words.getLong(w * Long.BYTES);
        }
        expires[slot] = expiry;
        data[slot] = value;
        size++;
        indexSlot(slot);
    }

    /** Drops entries from the front while they expired before {@code now}. */
    public void dropExpired(long now) {
        while (size > 0 && expires[head] < now) {
            dropOldest();
        }
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** The data of the oldest entry; the set must not be empty. */
    public long oldestData() {
        return data[head];
    }

    /** The data of the newest entry; the set must not be empty. */
    public long newestData() {
        return data[(head + size - 1) % capacity()];
    }

    /** Drops the oldest entry; the set must not be empty. */
    public void dropOldest() {
        unindex(head);
        head = (head + 1) % capacity();
        size--;
    }

    /** How many entries were dropped before their expiry because the set was full. */
    public long droppedEarly() {
        return droppedEarly;
    }

    private int capacity() {
        return expires.length;
    }

    private void allocate(int capacity) {
        digests = new long[capacity * WORDS];
        expires = new long[capacity];
        data = new long[capacity];
        index = new int[Integer.highestOneBit(capacity) << 2];
    }

    /** Doubles the arrays (up to maxEntries), the entries moved to slots 0..size-1 in their order. */
    private void grow() {
        long[] oldDigests = digests;
        long[] oldExpires = expires;
        long[] oldData = data;
        int oldCapacity = capacity();
        allocate((int) Math.min(maxEntries, 2L * oldCapacity));
        for (int k = 0; k < size; k++) {
            int from = (head + k) % oldCapacity;
            System.arraycopy(oldDigests, from * WORDS, digests, k * WORDS, WORDS);
            expires[k] = oldExpires[from];
            data[k] = oldData[from];
            indexSlot(k);
        }
        head = 0;
    }

    /** Enters slot in the index, at the first free place of its digest's probe run. */
    private void indexSlot(int slot) {
        int mask = index.length - 1;
        int i = home(digests[slot * WORDS], mask);
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = slot + 1;
    }

    /** Removes slot's index entry, shifting later entries of its probe run back (no tombstones). */
    private void unindex(int slot) {
        int mask = index.length - 1;
        int i = home(digests[slot * WORDS], mask);
        while (index[i] != slot + 1) {
            i = (i + 1) & mask;
        }
        int j = i;
        while (true) {
            index[i] = 0;
            while (true) {
                j = (j + 1) & mask;
                if (index[j] == 0) {
                    return;
                }
                int k = home(digests[(index[j] - 1) * WORDS], mask);
                // index[j] may move to i only if its home is not cyclically in (i, j]
                boolean homeBetween = i <= j ? (i < k && k <= j) : (i < k || k <= j);
                if (!homeBetween) {
                    break;
                }
            }
            index[i] = index[j];
            i = j;
        }
    }

    private boolean equal(int slot, ByteBuffer words) {
        for (int w = 0; w < WORDS; w++) {
            if (digests[slot * WORDS + w] != words.getLong(w * Long.BYTES)) {
                return false;
            }
        }
        return true;
    }

    private static int home(long firstWord, int mask) {
        return (int) (firstWord ^ (firstWord >>> 32)) & mask;
    }

    private static ByteBuffer words(byte[] digest) {
        if (digest.length != WORDS * Long.BYTES) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + digest.length);
        }
        return ByteBuffer.wrap(digest);
    }
}
