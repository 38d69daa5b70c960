package dev.pkinitkdc.kdc.support.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReplyRingTest {

    @Test
    void aReplyIsReturnedUntilItsExpiry() throws Exception {
        ReplyRing ring = new ReplyRing(10, 1000);
        ring.put(sha256("req"), bytes(100, 1), 500, 0);
        assertArrayEquals(bytes(100, 1), ring.get(sha256("req"), 500));
        assertNull(ring.get(sha256("req"), 501));
        assertNull(ring.get(sha256("other"), 0));
    }

    @Test
    void theOldestRepliesMakeRoomWhenTheBytesRunOutAndTheRestSurviveTheWrap() throws Exception {
        ReplyRing ring = new ReplyRing(100, 1000);
        for (int i = 0; i < 3; i++) {
            ring.put(sha256("r" + i), bytes(300, i), 10_000, 0);
        }
        ring.put(sha256("r3"), bytes(300, 3), 10_000, 0);   // 1200 > 1000: r0 goes, r3 wraps to the start
        assertNull(ring.get(sha256("r0"), 0));
        for (int i = 1; i < 4; i++) {
            assertArrayEquals(bytes(300, i), ring.get(sha256("r" + i), 0), "r" + i);
        }
        ring.put(sha256("r4"), bytes(650, 4), 10_000, 0);   // needs r1 and r2's room
        assertNull(ring.get(sha256("r1"), 0));
        assertNull(ring.get(sha256("r2"), 0));
        assertArrayEquals(bytes(300, 3), ring.get(sha256("r3"), 0));
        assertArrayEquals(bytes(650, 4), ring.get(sha256("r4"), 0));
        assertEquals(2, ring.size());
    }

    @Test
    void theEntryCapDropsTheOldest() throws Exception {
        ReplyRing ring = new ReplyRing(2, 1000);
        for (int i = 0; i < 3; i++) {
            ring.put(sha256("r" + i), bytes(10, i), 10_000, 0);
        }
        assertNull(ring.get(sha256("r0"), 0));
        assertArrayEquals(bytes(10, 2), ring.get(sha256("r2"), 0));
    }

    @Test
    void expiredRepliesLeaveAsNewOnesArriveAndOversizedOnesAreNotHeld() throws Exception {
        ReplyRing ring = new ReplyRing(10, 1000);
        ring.put(sha256("old"), bytes(10, 1), 100, 0);
        ring.put(sha256("new"), bytes(10, 2), 300, 200);
        assertEquals(1, ring.size());
        ring.put(sha256("huge"), bytes(1001, 3), 300, 200);
        assertNull(ring.get(sha256("huge"), 200));
    }

    @Test
    void aDigestHeldKeepsItsFirstReply() throws Exception {
        ReplyRing ring = new ReplyRing(10, 1000);
        ring.put(sha256("req"), bytes(10, 1), 500, 0);
        ring.put(sha256("req"), bytes(10, 2), 500, 0);
        assertArrayEquals(bytes(10, 1), ring.get(sha256("req"), 0));
        assertEquals(1, ring.size());
    }

    private static byte[] bytes(int length, int fill) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) fill);
        return b;
    }

    private static byte[] sha256(String s) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(s.getBytes());
    }
}
