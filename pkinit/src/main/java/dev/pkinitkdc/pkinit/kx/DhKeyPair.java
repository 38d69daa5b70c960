package dev.pkinitkdc.pkinit.kx;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * An ephemeral Diffie-Hellman key pair in a MODP group: x random of {@link ModpGroup#exponentBits()} bits
 * (never zero), y = g^x mod p. {@link #toString()} never shows x.
 */
public record DhKeyPair(ModpGroup group, BigInteger privateExponent, BigInteger publicValue) {

    public static DhKeyPair generate(ModpGroup group, SecureRandom random) {
        return generate(group, random, ModularExponentiation.JAVA);
    }

    /** A new key pair whose public value {@code arithmetic} computes. */
    public static DhKeyPair generate(ModpGroup group, SecureRandom random, ModularExponentiation arithmetic) {
        BigInteger x;
        do {
            x = new BigInteger(group.exponentBits(), random);
        } while (x.bitLength() < group.exponentBits() - 8);
        return new DhKeyPair(group, x, arithmetic.modPow(group.g(), x, group.p()));
    }

    /** Z = peerY^x mod p, left-padded to the length of p (RFC 4556 3.2.3.1). */
    public byte[] agree(BigInteger peerPublicValue) {
        DhPublicValueCheck.requireValid(group, peerPublicValue);
        return agreeWithChecked(peerPublicValue);
    }

    /**
     * {@link #agree} for a peer value that {@link DhPublicValueCheck#requireValid} has already accepted (the KDC
     * checks the client's when it reads the request): the check costs about half an agreement, so once is enough.
     */
    public byte[] agreeWithChecked(BigInteger checkedPeerPublicValue) {
        return agreeWithChecked(checkedPeerPublicValue, ModularExponentiation.JAVA);
    }

    /** {@link #agreeWithChecked(BigInteger)}, computed by {@code arithmetic}. */
    public byte[] agreeWithChecked(BigInteger checkedPeerPublicValue, ModularExponentiation arithmetic) {
        return leftPad(arithmetic.modPow(checkedPeerPublicValue, privateExponent, group.p()), group.byteLength());
    }

    static byte[] leftPad(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[length];
        int skip = raw.length > length ? raw.length - length : 0; // sign byte
        System.arraycopy(raw, skip, out, length - (raw.length - skip), raw.length - skip);
        return out;
    }

    @Override
    public String toString() {
        return "DhKeyPair[" + group.describe() + "]";
    }
}
