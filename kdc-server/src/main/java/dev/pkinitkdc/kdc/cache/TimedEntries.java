package dev.pkinitkdc.kdc.cache;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded set of digests, each remembered until its own expiry: the shape shared by the AuthPack replay cache
 * and the lookaside cache. Entries are kept in insertion order, which is close to expiry order, so expired ones
 * are dropped from the front as new ones arrive; beyond {@code maxEntries} the oldest are dropped before they
 * expire, and counted.
 */
public final class TimedEntries<V> {
    private record Entry<V>(V value, Instant expires) {
    }

    private final int maxEntries;
    private final LinkedHashMap<ByteBuffer, Entry<V>> entries = new LinkedHashMap<>();
    private long droppedEarly;

    public TimedEntries(int maxEntries) {
        this.maxEntries = maxEntries;
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
        entries.put(k, new Entry<>(value, expires));
        while (entries.size() > maxEntries) {
            Iterator<ByteBuffer> oldest = entries.keySet().iterator();
            oldest.next();
            oldest.remove();
            droppedEarly++;
        }
        return null;
    }

    public synchronized int size() {
        return entries.size();
    }

    /** How many entries were dropped before their expiry because the set was full. */
    public synchronized long droppedEarly() {
        return droppedEarly;
    }

    private void expire(Instant now) {
        Iterator<Map.Entry<ByteBuffer, Entry<V>>> it = entries.entrySet().iterator();
        while (it.hasNext() && it.next().getValue().expires().isBefore(now)) {
            it.remove();
        }
    }
}
