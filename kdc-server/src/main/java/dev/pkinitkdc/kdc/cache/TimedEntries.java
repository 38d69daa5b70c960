package dev.pkinitkdc.kdc.cache;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded set of digests, each remembered until its own expiry: the shape shared by the AuthPack replay cache
 * and the lookaside cache. Entries are kept in insertion order, which is close to expiry order, so expired ones
 * are dropped from the front as new ones arrive; beyond {@code maxEntries}, or beyond {@code maxWeight} bytes
 * {@link #weigh weighed} against them, the oldest are dropped before they expire, and counted.
 */
public final class TimedEntries<V> {
    private record Entry<V>(V value, Instant expires, long weight) {
    }

    private final int maxEntries;
    private final long maxWeight;
    private final LinkedHashMap<ByteBuffer, Entry<V>> entries = new LinkedHashMap<>();
    private long weight;
    private long droppedEarly;

    public TimedEntries(int maxEntries) {
        this(maxEntries, Long.MAX_VALUE);
    }

    /** @param maxWeight the most bytes {@link #weigh weighed} against the entries held together */
    public TimedEntries(int maxEntries, long maxWeight) {
        this.maxEntries = maxEntries;
        this.maxWeight = maxWeight;
    }

    /**
     * The value held for {@code key} if it has not expired at {@code now}; otherwise remembers {@code value} until
     * {@code expires} and returns null.
     */
    public synchronized V putIfAbsent(byte[] key, V value, Instant expires, Instant now) {
        expire(now);
        ByteBuffer k = ByteBuffer.wrap(key.clone());
        Entry<V> held = entries.get(k);
        if (held != null && !held.expires().isBefore(now)) {
            return held.value();
        }
        if (held != null) {
            weight -= held.weight();
        }
        entries.put(k, new Entry<>(value, expires, 0));
        trim();
        return null;
    }

    /**
     * Counts {@code bytes} against {@code key}'s entry (for a value whose size is known only later, as a reply);
     * nothing when the entry is gone meanwhile.
     */
    public synchronized void weigh(byte[] key, long bytes) {
        ByteBuffer k = ByteBuffer.wrap(key);
        Entry<V> held = entries.get(k);
        if (held != null) {
            entries.put(k, new Entry<>(held.value(), held.expires(), held.weight() + bytes));   // keeps its place
            weight += bytes;
            trim();
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    /** The bytes weighed against the entries held now. */
    public synchronized long weight() {
        return weight;
    }

    /** How many entries were dropped before their expiry because the set was full. */
    public synchronized long droppedEarly() {
        return droppedEarly;
    }

    private void trim() {
        Iterator<Entry<V>> oldest = entries.values().iterator();
        while ((entries.size() > maxEntries || weight > maxWeight) && oldest.hasNext()) {
            weight -= oldest.next().weight();
            oldest.remove();
            droppedEarly++;
        }
    }

    private void expire(Instant now) {
        Iterator<Map.Entry<ByteBuffer, Entry<V>>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Entry<V> first = it.next().getValue();
            if (!first.expires().isBefore(now)) {
                break;
            }
            weight -= first.weight();
            it.remove();
        }
    }
}
