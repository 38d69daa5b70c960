package dev.pkinitkdc.pkinit.kx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The binary Jacobi symbol against its definition: Euler's criterion for primes, multiplicativity in n. */
class JacobiSymbolTest {
    /** (a/p) for an odd prime p by Euler's criterion: a^((p-1)/2) mod p is 1, p-1 or 0. */
    private static int legendre(BigInteger a, BigInteger p) {
        BigInteger e = a.modPow(p.subtract(BigInteger.ONE).shiftRight(1), p);
        return e.signum() == 0 ? 0 : e.equals(BigInteger.ONE) ? 1 : -1;
    }

    @Test
    void everyResidueOfSmallOddPrimesAndTheirProducts() {
        int[] primes = {3, 5, 7, 11, 13, 17, 19, 23, 29};
        for (int p : primes) {
            for (int q : primes) {
                BigInteger bp = BigInteger.valueOf(p);
                BigInteger bq = BigInteger.valueOf(q);
                BigInteger n = bp.multiply(bq);
                for (int a = -3; a < n.intValueExact() + 3; a++) {
                    BigInteger ba = BigInteger.valueOf(a);
                    assertEquals(legendre(ba.mod(bp), bp) * legendre(ba.mod(bq), bq), JacobiSymbol.of(ba, n),
                            "(" + a + "/" + n + ")");
                }
            }
        }
    }

    @Test
    void multiWordCompositeModuliAreMultiplicativeAndASharedFactorGivesZero() {
        Random random = new Random(5349);
        for (int i = 0; i < 20; i++) {
            BigInteger p = BigInteger.probablePrime(300 + random.nextInt(300), random);
            BigInteger q = BigInteger.probablePrime(64 + random.nextInt(500), random);
            BigInteger n = p.multiply(q);
            BigInteger a = new BigInteger(n.bitLength() + 3, random);
            assertEquals(legendre(a.mod(p), p) * legendre(a.mod(q), q), JacobiSymbol.of(a, n), a.toString(16));
            assertEquals(0, JacobiSymbol.of(p.multiply(BigInteger.valueOf(random.nextInt(1000) + 1)), n));
        }
    }

    @Test
    void randomValuesModuloTheModpPrimesAgreeWithEulersCriterion() {
        Random random = new Random(4556);
        for (ModpGroup group : new ModpGroup[] {ModpGroup.MODP14, ModpGroup.MODP16}) {
            for (int i = 0; i < 100; i++) {
                BigInteger a = new BigInteger(group.bits() + 8, random);
                assertEquals(legendre(a.mod(group.p()), group.p()), JacobiSymbol.of(a, group.p()), a.toString(16));
            }
        }
    }

    @Test
    void valuesCloseToTheModulusAndToEachOther() {
        BigInteger p = ModpGroup.MODP14.p();
        Random random = new Random(8070);
        for (int i = 0; i < 200; i++) {
            BigInteger near = p.subtract(BigInteger.valueOf(random.nextInt(1 << 20) + 1));
            assertEquals(legendre(near, p), JacobiSymbol.of(near, p), near.toString(16));
            BigInteger power = BigInteger.ONE.shiftLeft(random.nextInt(p.bitLength() - 1));
            assertEquals(legendre(power, p), JacobiSymbol.of(power, p), power.toString(16));
            BigInteger square = new BigInteger(p.bitLength() - 2, random).pow(2).mod(p);
            assertEquals(1, JacobiSymbol.of(square, p), square.toString(16));
        }
        assertEquals(0, JacobiSymbol.of(BigInteger.ZERO, p));
        assertEquals(0, JacobiSymbol.of(p, p));
        assertEquals(1, JacobiSymbol.of(BigInteger.ONE, p));
    }

    @Test
    void anEvenOrNonPositiveModulusIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> JacobiSymbol.of(BigInteger.ONE, BigInteger.TWO));
        assertThrows(IllegalArgumentException.class, () -> JacobiSymbol.of(BigInteger.ONE, BigInteger.valueOf(-3)));
    }
}
