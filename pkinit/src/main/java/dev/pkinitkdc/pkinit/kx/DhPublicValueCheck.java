package dev.pkinitkdc.pkinit.kx;

import java.math.BigInteger;

/**
 * SP 800-56A 5.6.2.3.1 full public-key validation of a MODP Diffie-Hellman value: 1 < y < p-1, and y lies in the
 * subgroup of order q, y^q mod p == 1. The MODP groups are safe primes (p = 2q + 1), so the only other subgroups
 * have order 1, 2 or 2q; the check keeps a peer from leaking one bit of our exponent through a value of order 2q.
 *
 * <p>For a safe prime, y^q = y^((p-1)/2) is Euler's criterion: it is 1 exactly when y is a quadratic residue mod p,
 * which the Jacobi symbol (y/p) tells in quadratic time ({@link JacobiSymbol}). That is what is computed: a full-length modPow for an
 * 8192-bit group (MODP 18) would cost a request far more than the agreement itself.
 */
public final class DhPublicValueCheck {
    private DhPublicValueCheck() {
    }

    /** 1 < y < p-1 (a y of 0, 1 or p-1 makes the shared secret guessable). */
    public static boolean isInRange(ModpGroup group, BigInteger y) {
        return y.compareTo(BigInteger.ONE) > 0 && y.compareTo(group.p().subtract(BigInteger.ONE)) < 0;
    }

    /** In range and y^q mod p == 1 (in the prime-order subgroup). */
    public static boolean isValid(ModpGroup group, BigInteger y) {
        return isValid(group, y, ModularExponentiation.JAVA);
    }

    /** {@link #isValid(ModpGroup, BigInteger)} with {@code arithmetic}'s Jacobi symbol. */
    public static boolean isValid(ModpGroup group, BigInteger y, ModularExponentiation arithmetic) {
        return isInRange(group, y) && arithmetic.jacobi(y, group.p()) == 1;
    }

    /** Why {@code y} is not valid, or null when it is. */
    public static String defect(ModpGroup group, BigInteger y) {
        return defect(group, y, ModularExponentiation.JAVA);
    }

    /** {@link #defect(ModpGroup, BigInteger)} with {@code arithmetic}'s Jacobi symbol. */
    public static String defect(ModpGroup group, BigInteger y, ModularExponentiation arithmetic) {
        if (!isInRange(group, y)) {
            return "DH public value outside 1 < y < p-1";
        }
        return isValid(group, y, arithmetic) ? null
                : "DH public value outside the order-q subgroup (y^q mod p != 1)";
    }

    public static void requireValid(ModpGroup group, BigInteger y) {
        String defect = defect(group, y);
        if (defect != null) {
            throw new IllegalArgumentException(defect);
        }
    }
}
