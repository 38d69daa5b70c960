package dev.pkinitkdc.pkinit.pac;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Bounds-checked little-endian reads from a PAC buffer's bytes; anything out of range is a MalformedPac. */
final class PacBytes {
    private PacBytes() {
    }

    static int u16(byte[] b, int at) throws PacType.MalformedPac {
        check(b, at, 2);
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    static int u32(byte[] b, int at) throws PacType.MalformedPac {
        return u16(b, at) | u16(b, at + 2) << 16;
    }

    static long u64(byte[] b, int at) throws PacType.MalformedPac {
        return Integer.toUnsignedLong(u32(b, at)) | (long) u32(b, at + 4) << 32;
    }

    static byte[] slice(byte[] b, int at, int length) throws PacType.MalformedPac {
        check(b, at, length);
        return Arrays.copyOfRange(b, at, at + length);
    }

    static String utf16(byte[] b, int at, int length) throws PacType.MalformedPac {
        if (length % 2 != 0) {
            throw new PacType.MalformedPac("odd UTF-16 length");
        }
        return new String(slice(b, at, length), StandardCharsets.UTF_16LE);
    }

    /** A binary SID (MS-DTYP 2.4.22) filling exactly {@code length} bytes. */
    static Sid sid(byte[] b, int at, int length) throws PacType.MalformedPac {
        byte[] s = slice(b, at, length);
        if (s.length < 8 || s[0] != 1 || s[1] < 0 || s[1] > Sid.MAX_SUB_AUTHORITIES || s.length != 8 + 4 * s[1]) {
            throw new PacType.MalformedPac("not a binary SID");
        }
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = authority << 8 | (s[i] & 0xff);
        }
        int[] sub = new int[s[1]];
        for (int i = 0; i < sub.length; i++) {
            sub[i] = u32(s, 8 + 4 * i);
        }
        return new Sid(authority, sub);
    }

    private static void check(byte[] b, int at, int length) throws PacType.MalformedPac {
        if (at < 0 || length < 0 || at > b.length - length) {
            throw new PacType.MalformedPac("PAC buffer field lies past its end");
        }
    }
}
