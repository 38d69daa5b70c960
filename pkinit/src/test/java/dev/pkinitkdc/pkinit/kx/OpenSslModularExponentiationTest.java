package dev.pkinitkdc.pkinit.kx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** libcrypto's exponentiation gives BigInteger's answers, and a DH agreement across the two agrees. */
class OpenSslModularExponentiationTest {
    /** scripts/install-test-deps.sh installs OpenSSL, so libcrypto must load here. */
    private static ModularExponentiation openssl() {
        var loaded = OpenSslModularExponentiation.load();
        assertTrue(loaded.isPresent(), "libcrypto did not load");
        return loaded.get();
    }

    @ParameterizedTest
    @EnumSource(value = ModpGroup.class, names = {"MODP14", "MODP16", "MODP18"})
    void agreesWithBigIntegerInEveryGroup(ModpGroup group) {
        Random random = new Random(group.bits());
        ModularExponentiation native_ = openssl();
        for (int i = 0; i < 10; i++) {
            BigInteger base = new BigInteger(group.bits() - 1, random);
            BigInteger exponent = new BigInteger(group.exponentBits(), random);
            assertEquals(base.modPow(exponent, group.p()), native_.modPow(base, exponent, group.p()));
        }
        assertEquals(BigInteger.ONE, native_.modPow(BigInteger.TWO, BigInteger.ZERO, group.p()));
        assertEquals(BigInteger.ZERO, native_.modPow(BigInteger.ZERO, BigInteger.TEN, group.p()));
    }

    @Test
    void aNativeKeyPairAgreesWithAJavaOne() {
        SecureRandom random = new SecureRandom();
        DhKeyPair kdc = DhKeyPair.generate(ModpGroup.MODP14, random, openssl());
        DhKeyPair client = DhKeyPair.generate(ModpGroup.MODP14, random);
        assertTrue(DhPublicValueCheck.isValid(ModpGroup.MODP14, kdc.publicValue()));
        assertArrayEquals(client.agree(kdc.publicValue()), kdc.agreeWithChecked(client.publicValue(), openssl()));
        assertTrue(openssl().toString().startsWith("OpenSSL"), openssl().toString());
    }
}
