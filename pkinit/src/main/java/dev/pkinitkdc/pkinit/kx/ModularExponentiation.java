package dev.pkinitkdc.pkinit.kx;

import java.math.BigInteger;

/**
 * The number theory of the KDC's Diffie-Hellman side (RFC 4556 3.2.3.1): base^exponent mod modulus, and the
 * Jacobi symbol that checks a peer's public value ({@link DhPublicValueCheck}); the JDK's, or native libraries'.
 */
public interface ModularExponentiation {
    /** The JDK's BigInteger.modPow. */
    ModularExponentiation JAVA = new ModularExponentiation() {
        @Override
        public BigInteger modPow(BigInteger base, BigInteger exponent, BigInteger modulus) {
            return base.modPow(exponent, modulus);
        }

        @Override
        public String toString() {
            return "JDK BigInteger";
        }
    };

    /** The system's libcrypto when it loads ({@link OpenSslModularExponentiation}), else {@link #JAVA}. */
    static ModularExponentiation fastest() {
        return OpenSslModularExponentiation.load().orElse(JAVA);
    }

    /** For an odd modulus and 0 <= base < modulus; the exponent is secret (a DH private exponent). */
    BigInteger modPow(BigInteger base, BigInteger exponent, BigInteger modulus);

    /** The Jacobi symbol (a/n) for odd n > 0, of public values only; {@link JacobiSymbol} unless overridden. */
    default int jacobi(BigInteger a, BigInteger n) {
        return JacobiSymbol.of(a, n);
    }
}
