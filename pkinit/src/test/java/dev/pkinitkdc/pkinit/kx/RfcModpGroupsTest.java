package dev.pkinitkdc.pkinit.kx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkinitkdc.pkinit.testing.PublishedModpGroups;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each ModpGroup is the group its RFC publishes (RFC 2409 6.2 for group 2, RFC 3526 3, 5, 7 for 14, 16, 18): the
 * prime as the RFC's hexadecimal value, the generator 2, q = (p-1)/2. The RFC text in the test resources is itself
 * checked against the RFC's formula for the prime, with pi computed here (Machin's formula), so a slip in the
 * copied hex cannot pass unnoticed.
 */
class RfcModpGroupsTest {
    private static final Map<Integer, PublishedModpGroups.Group> PUBLISHED = PublishedModpGroups.load();

    @Test
    void theResourceHoldsGroups2And14And16And18() {
        assertEquals(List.of(2, 14, 16, 18), List.copyOf(PUBLISHED.keySet()));
    }

    @ParameterizedTest
    @EnumSource(ModpGroup.class)
    void theGroupIsThePublishedPrimeAndGenerator(ModpGroup group) {
        PublishedModpGroups.Group rfc = PUBLISHED.get(group.id());
        assertEquals(rfc.p().toString(16), group.p().toString(16), "p of group " + group.id());
        assertEquals(rfc.g(), group.g(), "generator of group " + group.id());
        assertEquals(rfc.p().subtract(BigInteger.ONE).shiftRight(1), group.q(), "q of group " + group.id());
        assertEquals(rfc.n(), group.bits());
        assertEquals(group, ModpGroup.identify(rfc.p(), rfc.g()).orElseThrow());
    }

    /** 2^n - 2^(n-64) - 1 + 2^64 * { [2^e pi] + k }, as each RFC section states it, equals its hex value. */
    @Test
    void thePublishedHexIsThePublishedFormula() {
        for (PublishedModpGroups.Group rfc : PUBLISHED.values()) {
            BigInteger formula = BigInteger.ONE.shiftLeft(rfc.n())
                    .subtract(BigInteger.ONE.shiftLeft(rfc.n() - 64))
                    .subtract(BigInteger.ONE)
                    .add(floorPiTimesPowerOfTwo(rfc.piExponent()).add(BigInteger.valueOf(rfc.k())).shiftLeft(64));
            assertEquals(formula.toString(16), rfc.p().toString(16), "group " + rfc.id());
        }
    }

    @Test
    void piIsPi() {
        // pi = 0x3.243F6A8885A308D313198A2E... (its well-known hexadecimal expansion)
        assertEquals(BigInteger.valueOf(0x3243F6), floorPiTimesPowerOfTwo(20));
        assertEquals(new BigInteger("3243F6A8885A308D3", 16), floorPiTimesPowerOfTwo(64));
    }

    /** [2^e pi] by Machin's formula pi = 16 atan(1/5) - 4 atan(1/239), in fixed point with 64 guard bits. */
    private static BigInteger floorPiTimesPowerOfTwo(int e) {
        BigInteger one = BigInteger.ONE.shiftLeft(e + 64);
        BigInteger pi = arctanOfInverse(5, one).shiftLeft(4).subtract(arctanOfInverse(239, one).shiftLeft(2));
        return pi.shiftRight(64);
    }

    /** atan(1/x) * one = sum over k of (-1)^k one / ((2k+1) x^(2k+1)). */
    private static BigInteger arctanOfInverse(int x, BigInteger one) {
        BigInteger xSquared = BigInteger.valueOf((long) x * x);
        BigInteger power = one.divide(BigInteger.valueOf(x));
        BigInteger sum = BigInteger.ZERO;
        for (int k = 0; power.signum() != 0; k++) {
            BigInteger term = power.divide(BigInteger.valueOf(2L * k + 1));
            sum = k % 2 == 0 ? sum.add(term) : sum.subtract(term);
            power = power.divide(xSquared);
        }
        return sum;
    }
}
