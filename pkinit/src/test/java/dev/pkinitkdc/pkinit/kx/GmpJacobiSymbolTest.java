package dev.pkinitkdc.pkinit.kx;

import static dev.pkinitkdc.pkinit.testing.Prerequisites.require;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** libgmp's Jacobi symbol agrees with the Java one (itself tested against Euler's criterion) everywhere. */
class GmpJacobiSymbolTest {
    static GmpJacobiSymbol gmp;

    @BeforeAll
    static void load() {
        require(GmpJacobiSymbol.load().isPresent(), "libgmp (libgmp10) does not load here");
        gmp = GmpJacobiSymbol.load().get();
    }

    @Test
    void smallModuliEveryResidueAndNegatives() {
        for (int n = 1; n < 200; n += 2) {
            for (int a = -5; a < n + 5; a++) {
                BigInteger ba = BigInteger.valueOf(a);
                BigInteger bn = BigInteger.valueOf(n);
                assertEquals(JacobiSymbol.of(ba, bn), gmp.of(ba, bn), "(" + a + "/" + n + ")");
            }
        }
    }

    @Test
    void modpPrimesAndCompositesWithSharedFactors() {
        Random random = new Random(8070);
        for (int i = 0; i < 400; i++) {
            BigInteger p = (i % 2 == 0 ? ModpGroup.MODP14 : ModpGroup.MODP16).p();
            BigInteger a = new BigInteger(p.bitLength() + 8, random);
            assertEquals(JacobiSymbol.of(a, p), gmp.of(a, p), a.toString(16));
        }
        for (int i = 0; i < 50; i++) {
            BigInteger p = BigInteger.probablePrime(200 + random.nextInt(400), random);
            BigInteger n = p.multiply(BigInteger.probablePrime(64 + random.nextInt(300), random));
            BigInteger a = new BigInteger(n.bitLength(), random);
            assertEquals(JacobiSymbol.of(a, n), gmp.of(a, n));
            assertEquals(0, gmp.of(p.multiply(BigInteger.valueOf(i + 1)), n));
        }
    }

    @Test
    void anEvenModulusIsRefusedAndTheVersionIsNamed() {
        assertThrows(IllegalArgumentException.class, () -> gmp.of(BigInteger.ONE, BigInteger.TWO));
        assertTrue(gmp.toString().matches("GMP \\d+\\.\\d+.*"), gmp.toString());
    }

    @Test
    void theNativeArithmeticChecksDhValuesWithIt() {
        ModularExponentiation fastest = ModularExponentiation.fastest();
        require(fastest != ModularExponentiation.JAVA, "libcrypto (libssl3) does not load here");
        assertTrue(fastest.toString().contains("Jacobi symbol by GMP"), fastest.toString());
        BigInteger residue = BigInteger.valueOf(4);       // 2^2: in the order-q subgroup
        BigInteger p = ModpGroup.MODP14.p();
        BigInteger nonResidue = p.subtract(BigInteger.valueOf(4)); // -4: (-1/p) = -1 as p = 3 (mod 4)
        assertTrue(DhPublicValueCheck.isValid(ModpGroup.MODP14, residue, fastest));
        assertEquals("DH public value outside the order-q subgroup (y^q mod p != 1)",
                DhPublicValueCheck.defect(ModpGroup.MODP14, nonResidue, fastest));
        BigInteger generatorTwo = BigInteger.TWO;          // 2 is a quadratic residue mod a p = 7 (mod 8)
        assertEquals(JacobiSymbol.of(generatorTwo, p), fastest.jacobi(generatorTwo, p));
    }
}
