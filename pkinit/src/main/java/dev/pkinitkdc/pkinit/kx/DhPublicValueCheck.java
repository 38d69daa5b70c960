package dev.pkinitkdc.pkinit.kx;

import java.math.BigInteger;

/** SP 800-56A 5.6.2.3.1 partial public-key validation: 1 < y < p-1. */
public final class DhPublicValueCheck {
    private DhPublicValueCheck() {
    }

    public static boolean isValid(ModpGroup group, BigInteger y) {
        return y.compareTo(BigInteger.ONE) > 0 && y.compareTo(group.p().subtract(BigInteger.ONE)) < 0;
    }

    public static void requireValid(ModpGroup group, BigInteger y) {
        if (!isValid(group, y)) {
            throw new IllegalArgumentException("DH public value outside 1 < y < p-1");
        }
    }
}
