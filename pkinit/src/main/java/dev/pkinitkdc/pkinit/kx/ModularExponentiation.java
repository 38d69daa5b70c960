package dev.pkinitkdc.pkinit.kx;

import java.math.BigInteger;

/** base^exponent mod modulus for Diffie-Hellman (RFC 4556 3.2.3.1): the JDK's, or a native library's. */
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
}
