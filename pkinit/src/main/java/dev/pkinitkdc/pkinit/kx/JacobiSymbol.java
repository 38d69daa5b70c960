package dev.pkinitkdc.pkinit.kx;

import java.math.BigInteger;

/**
 * The Jacobi symbol (a/n) for odd n > 0, by the binary algorithm (Cohen, "A Course in Computational Algebraic
 * Number Theory", 1.4.10, with subtraction in place of division) on two mutable little-endian arrays of 64-bit
 * words: each step subtracts the smaller odd value from the larger and shifts the difference right in one pass,
 * and nothing is allocated per step. For a 2048-bit modulus that is several times faster than the Euclidean form on
 * BigInteger, whose every step is a division and a new object.
 */
final class JacobiSymbol {
    private long[] x;
    private long[] y;
    private int xLen;
    private int yLen;
    private int t = 1;

    private JacobiSymbol(BigInteger a, BigInteger n) {
        int words = n.bitLength() / 64 + 1;
        x = words(a, words);
        y = words(n, words);
        xLen = length(x, words);
        yLen = length(y, words);
    }

    /** 1 or -1 when gcd(a, n) = 1, else 0. */
    static int of(BigInteger a, BigInteger n) {
        requireOddPositive(n);
        BigInteger reduced = a.mod(n);
        if (reduced.signum() == 0) {
            return n.equals(BigInteger.ONE) ? 1 : 0;
        }
        return new JacobiSymbol(reduced, n).run();
    }

    static void requireOddPositive(BigInteger n) {
        if (n.signum() <= 0 || !n.testBit(0)) {
            throw new IllegalArgumentException("the Jacobi symbol needs an odd positive n");
        }
    }

    private int run() {
        halve(Long.numberOfTrailingZeros(x[0]) == 64 ? shiftWhole() : shiftRight());
        while (true) {
            int c = compare();
            if (c == 0) {
                return yLen == 1 && y[0] == 1 ? t : 0;   // x = y = gcd(a, n)
            }
            if (c < 0) {
                long[] swap = x;   // quadratic reciprocity, for odd positive x and y
                x = y;
                y = swap;
                int swapLen = xLen;
                xLen = yLen;
                yLen = swapLen;
                if ((x[0] & 3) == 3 && (y[0] & 3) == 3) {
                    t = -t;
                }
            }
            halve(subtractAndShift());   // (x/y) = ((x - y)/y)
        }
    }

    /** Accounts for x having been divided by 2^zeros: (2/y) = -1 for y = 3, 5 mod 8. */
    private void halve(int zeros) {
        long y8 = y[0] & 7;
        if ((zeros & 1) == 1 && (y8 == 3 || y8 == 5)) {
            t = -t;
        }
    }

    /** x = (x - y) >> zeros for x > y, both odd, in one pass when the low words differ; returns zeros. */
    private int subtractAndShift() {
        long d0 = x[0] - y[0];
        if (d0 == 0) {
            subtract();
            return Long.numberOfTrailingZeros(x[0]) == 64 ? shiftWhole() : shiftRight();
        }
        int zeros = Long.numberOfTrailingZeros(d0);
        long borrow = ((~x[0] & y[0]) | (~(x[0] ^ y[0]) & d0)) >>> 63;
        long previous = d0;
        for (int i = 1; i < xLen; i++) {
            long a = x[i];
            long b = i < yLen ? y[i] : 0;
            long d = a - b - borrow;
            borrow = ((~a & b) | (~(a ^ b) & d)) >>> 63;
            x[i - 1] = (previous >>> zeros) | (d << (64 - zeros));
            previous = d;
        }
        x[xLen - 1] = previous >>> zeros;
        xLen = length(x, xLen);
        return zeros;
    }

    /** x -= y for x > y. */
    private void subtract() {
        long borrow = 0;
        for (int i = 0; i < xLen; i++) {
            long a = x[i];
            long b = i < yLen ? y[i] : 0;
            long d = a - b - borrow;
            borrow = ((~a & b) | (~(a ^ b) & d)) >>> 63;
            x[i] = d;
        }
        xLen = length(x, xLen);
    }

    /** Drops the whole zero words at the bottom of a non-zero x, then its zero bits; returns the bits dropped. */
    private int shiftWhole() {
        int words = 0;
        while (x[words] == 0) {
            words++;
        }
        System.arraycopy(x, words, x, 0, xLen - words);
        for (int i = xLen - words; i < xLen; i++) {
            x[i] = 0;
        }
        xLen -= words;
        return 64 * words + shiftRight();
    }

    /** x >>= its trailing zero bits (fewer than 64); returns them. */
    private int shiftRight() {
        int zeros = Long.numberOfTrailingZeros(x[0]);
        if (zeros > 0) {
            for (int i = 0; i < xLen - 1; i++) {
                x[i] = (x[i] >>> zeros) | (x[i + 1] << (64 - zeros));
            }
            x[xLen - 1] >>>= zeros;
            xLen = length(x, xLen);
        }
        return zeros;
    }

    private int compare() {
        if (xLen != yLen) {
            return xLen < yLen ? -1 : 1;
        }
        for (int i = xLen - 1; i >= 0; i--) {
            if (x[i] != y[i]) {
                return Long.compareUnsigned(x[i], y[i]);
            }
        }
        return 0;
    }

    private static long[] words(BigInteger v, int count) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = v.shiftRight(64 * i).longValue();
        }
        return out;
    }

    private static int length(long[] v, int upTo) {
        int len = upTo;
        while (len > 0 && v[len - 1] == 0) {
            len--;
        }
        return len;
    }
}
