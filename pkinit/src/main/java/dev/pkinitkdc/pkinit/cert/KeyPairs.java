package dev.pkinitkdc.pkinit.cert;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;

/** Key generation for the lab PKI and tests. */
public final class KeyPairs {
    static final int RSA_BITS = 2048;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyPairs() {
    }

    /** A fresh RSA 2048-bit key pair. */
    public static KeyPair rsa2048() {
        return rsa(RSA_BITS);
    }

    /** A fresh RSA key pair of {@code bits} (the lab PKI tool offers 2048, 3072 and 4096). */
    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is unavailable", e);
        }
    }

    /** A fresh EC key pair on an RFC 5349 curve (for ECDSA client certificates). */
    public static KeyPair ec(dev.pkinitkdc.pkinit.kx.EcCurve curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new java.security.spec.ECGenParameterSpec(curve.oid().getId()), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC key generation on " + curve + " is unavailable", e);
        }
    }
}
