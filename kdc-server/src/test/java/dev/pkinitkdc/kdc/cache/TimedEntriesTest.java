package dev.pkinitkdc.kdc.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimedEntriesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void anEntryIsHeldUntilItsExpiryAndThenForgotten() {
        TimedEntries<String> entries = new TimedEntries<>(10);
        assertNull(entries.putIfAbsent(new byte[] {1}, "first", T0.plusSeconds(60), T0));
        assertEquals("first", entries.putIfAbsent(new byte[] {1}, "second", T0.plusSeconds(120), T0.plusSeconds(60)));
        assertNull(entries.putIfAbsent(new byte[] {1}, "third", T0.plusSeconds(200), T0.plusSeconds(61)));
        assertNull(entries.putIfAbsent(new byte[] {2}, "other", T0.plusSeconds(300), T0.plusSeconds(250)));
        assertEquals(1, entries.size(), "the expired entry was dropped as a new one arrived");
    }

    @Test
    void beyondTheCapTheOldestAreDroppedAndCounted() {
        TimedEntries<Integer> entries = new TimedEntries<>(3);
        for (int i = 0; i < 5; i++) {
            assertNull(entries.putIfAbsent(new byte[] {(byte) i}, i, T0.plusSeconds(60), T0));
        }
        assertEquals(3, entries.size());
        assertEquals(2, entries.droppedEarly());
        assertNull(entries.putIfAbsent(new byte[] {0}, 0, T0.plusSeconds(60), T0), "the oldest was dropped");
        assertEquals(4, entries.putIfAbsent(new byte[] {4}, 9, T0.plusSeconds(60), T0));
    }

    @Test
    void beyondTheWeightBoundTheOldestAreDroppedAndTheirWeightReturned() {
        TimedEntries<Integer> entries = new TimedEntries<>(100, 1000);
        for (int i = 0; i < 3; i++) {
            assertNull(entries.putIfAbsent(new byte[] {(byte) i}, i, T0.plusSeconds(60), T0));
            entries.weigh(new byte[] {(byte) i}, 400);
        }
        assertEquals(2, entries.size(), "1200 bytes > 1000: the oldest went");
        assertEquals(800, entries.weight());
        assertEquals(1, entries.droppedEarly());
        assertNull(entries.putIfAbsent(new byte[] {0}, 0, T0.plusSeconds(60), T0), "the oldest was dropped");
        assertEquals(1, entries.putIfAbsent(new byte[] {1}, 9, T0.plusSeconds(60), T0), "the others are held");
        entries.weigh(new byte[] {7}, 5000);   // no such entry: nothing counted
        assertEquals(800, entries.weight());
        assertNull(entries.putIfAbsent(new byte[] {8}, 8, T0.plusSeconds(200), T0.plusSeconds(100)));
        assertEquals(0, entries.weight(), "expired entries give their weight back");
    }
}
