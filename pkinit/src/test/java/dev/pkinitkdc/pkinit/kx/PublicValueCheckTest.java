package dev.pkinitkdc.pkinit.kx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Peer public value validation: DH range and subgroup (SP 800-56A 5.6.2.3.1), EC points (5.6.2.3.3). */
class PublicValueCheckTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest
    @EnumSource(value = ModpGroup.class, names = {"MODP14", "MODP16", "MODP18"})
    void aGeneratedDhValueIsValidAndItsNegationIsOutsideTheSubgroup(ModpGroup group) {
        BigInteger y = DhKeyPair.generate(group, RANDOM).publicValue();
        assertTrue(DhPublicValueCheck.isValid(group, y));
        BigInteger negated = group.p().subtract(y);
        assertTrue(DhPublicValueCheck.isInRange(group, negated));
        assertFalse(DhPublicValueCheck.isValid(group, negated));
        assertTrue(DhPublicValueCheck.defect(group, negated).contains("subgroup"));
    }

    @Test
    void dhValuesAtTheEdgesAreOutOfRange() {
        ModpGroup g = ModpGroup.MODP14;
        for (BigInteger y : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, g.p().subtract(BigInteger.ONE), g.p()}) {
            assertTrue(DhPublicValueCheck.defect(g, y).contains("1 < y < p-1"), y.toString(16));
        }
    }

    @Test
    void theJacobiShortcutAgreesWithEulersCriterion() {
        ModpGroup g = ModpGroup.MODP14;
        for (int i = 0; i < 40; i++) {
            BigInteger y = new BigInteger(g.bits() - 1, RANDOM).add(BigInteger.TWO);
            boolean euler = y.modPow(g.q(), g.p()).equals(BigInteger.ONE);
            assertEquals(euler, DhPublicValueCheck.isValid(g, y), y.toString(16));
        }
    }

    @ParameterizedTest
    @EnumSource(EcCurve.class)
    void bothSidesAgreeTheXCoordinateOfFieldLength(EcCurve curve) {
        EcdhKeyPair a = EcdhKeyPair.generate(curve, RANDOM);
        EcdhKeyPair b = EcdhKeyPair.generate(curve, RANDOM);
        byte[] z = a.agree(b.publicPoint());
        assertArrayEquals(z, b.agree(a.publicPoint()));
        assertEquals(curve.byteLength(), z.length);
        assertEquals(1 + 2 * curve.byteLength(), a.publicPoint().length);
        assertNotNull(EcPublicValueCheck.decode(curve, a.publicPoint()));
    }

    @ParameterizedTest
    @EnumSource(EcCurve.class)
    void aPointOffTheCurveIsRefused(EcCurve curve) {
        byte[] point = EcdhKeyPair.generate(curve, RANDOM).publicPoint();
        point[point.length - 1] ^= 1;
        var e = assertThrows(IllegalArgumentException.class, () -> EcPublicValueCheck.decode(curve, point));
        assertTrue(e.getMessage().contains("not on"), e.getMessage());
        EcdhKeyPair kdc = EcdhKeyPair.generate(curve, RANDOM);
        assertThrows(IllegalArgumentException.class, () -> kdc.agree(point));
    }

    @Test
    void infinityWrongLengthAndOutOfRangeCoordinatesAreRefused() {
        EcCurve c = EcCurve.P256;
        assertThrows(IllegalArgumentException.class, () -> EcPublicValueCheck.decode(c, new byte[] {0}));
        assertThrows(IllegalArgumentException.class, () -> EcPublicValueCheck.decode(c, new byte[0]));
        byte[] point = EcdhKeyPair.generate(c, RANDOM).publicPoint();
        assertThrows(IllegalArgumentException.class,
                () -> EcPublicValueCheck.decode(c, Arrays.copyOf(point, point.length - 1)));
        byte[] big = new byte[65];
        big[0] = 4;
        Arrays.fill(big, 1, 33, (byte) 0xff);   // x = 2^256 - 1 > p
        var e = assertThrows(IllegalArgumentException.class, () -> EcPublicValueCheck.decode(c, big));
        assertTrue(e.getMessage().contains("field prime"), e.getMessage());
    }

    @Test
    void aCompressedPointDecodes() {
        EcCurve c = EcCurve.P384;
        EcdhKeyPair a = EcdhKeyPair.generate(c, RANDOM);
        byte[] compressed = EcPublicValueCheck.decode(c, a.publicPoint()).getEncoded(true);
        assertEquals(EcPublicValueCheck.decode(c, a.publicPoint()), EcPublicValueCheck.decode(c, compressed));
    }
}
