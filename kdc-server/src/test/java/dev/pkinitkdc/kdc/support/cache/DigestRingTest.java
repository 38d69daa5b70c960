package dev.pkinitkdc.kdc.support.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DigestRingTest {

    @Test
    void anEntryIsFoundWithItsExpiryAndDataUntilItLeavesTheFront() throws Exception {
        DigestRing ring = new DigestRing(10);
        ring.add(sha256("a"), 100, 7);
        ring.add(sha256("b"), 200, 8);
        int a = ring.find(sha256("a"));
        assertEquals(100, ring.expires(a));
        assertEquals(7, ring.data(a));
        assertEquals(-1, ring.find(sha256("c")));
        ring.dropExpired(150);
        assertEquals(-1, ring.find(sha256("a")), "expired before 150");
        assertEquals(8, ring.data(ring.find(sha256("b"))));
        assertEquals(1, ring.size());
    }

    @Test
    void onlyTheFrontIsExpiredSoALaterEarlierExpiryWaitsItsTurn() throws Exception {
        DigestRing ring = new DigestRing(10);
        ring.add(sha256("long"), 500, 0);
        ring.add(sha256("short"), 100, 0);
        ring.dropExpired(200);
        assertEquals(2, ring.size(), "the front has not expired");
        assertEquals(100, ring.expires(ring.find(sha256("short"))), "the caller sees the expiry and decides");
    }

    @Test
    void atTheCapTheOldestAreDroppedAndCounted() throws Exception {
        DigestRing ring = new DigestRing(3);
        for (int i = 0; i < 5; i++) {
            ring.add(sha256("k" + i), 1000, i);
        }
        assertEquals(3, ring.size());
        assertEquals(2, ring.droppedEarly());
        assertEquals(-1, ring.find(sha256("k0")));
        assertEquals(-1, ring.find(sha256("k1")));
        assertEquals(2, ring.oldestData());
        assertEquals(4, ring.newestData());
    }

    @Test
    void renewKeepsThePlaceInTheOrder() throws Exception {
        DigestRing ring = new DigestRing(2);
        for (String name : new String[] {"x", "y"}) {
            ring.add(sha256(name), 10, name.charAt(0));
        }
        ring.renew(ring.find(sha256("x")), 30, 3);
        assertEquals(3, ring.oldestData(), "x is still the oldest");
        ring.add(sha256("z"), 40, 4);
        assertEquals(-1, ring.find(sha256("x")));
    }

    @Test
    void aDigestMustHave32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new DigestRing(4).find(new byte[] {1}));
    }

    /** The ring against a map and a queue through growth, wrap-around, colliding homes and removals. */
    @Test
    void agreesWithAMapThroughManyAddsAndDrops() {
        DigestRing ring = new DigestRing(1000);
        Map<ByteBuffer, Long> model = new HashMap<>();
        ArrayDeque<ByteBuffer> order = new ArrayDeque<>();
        Random random = new Random(42);
        for (int step = 0; step < 20_000; step++) {
            byte[] digest = new byte[32];
            random.nextBytes(digest);
            if (random.nextInt(4) == 0) {
                // same first word as an earlier key: same home slot, forcing probe runs and back-shifts
                ByteBuffer.wrap(digest).putLong(0, random.nextInt(50));
            }
            if (model.containsKey(ByteBuffer.wrap(digest))) {
                continue;
            }
            if (order.size() == 1000) {
                model.remove(order.removeFirst());
            }
            ring.add(digest, step, step);
            model.put(ByteBuffer.wrap(digest), (long) step);
            order.addLast(ByteBuffer.wrap(digest));
            if (random.nextInt(10) == 0) {
                int drop = random.nextInt(5);
                for (int i = 0; i < drop && !order.isEmpty(); i++) {
                    ring.dropOldest();
                    model.remove(order.removeFirst());
                }
            }
        }
        assertEquals(model.size(), ring.size());
        for (Map.Entry<ByteBuffer, Long> e : model.entrySet()) {
            int slot = ring.find(e.getKey().array());
            assertTrue(slot >= 0, "held digests are found");
            assertEquals(e.getValue(), ring.data(slot));
        }
        for (int i = 0; i < 1000; i++) {
            byte[] absent = new byte[32];
            random.nextBytes(absent);
            ByteBuffer.wrap(absent).putLong(0, random.nextInt(50));
            assertEquals(model.containsKey(ByteBuffer.wrap(absent)), ring.find(absent) >= 0);
        }
    }

    private static byte[] sha256(String s) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(s.getBytes());
    }
}
