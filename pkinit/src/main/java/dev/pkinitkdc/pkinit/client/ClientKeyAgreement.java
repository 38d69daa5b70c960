package dev.pkinitkdc.pkinit.client;

import dev.pkinitkdc.pkinit.asn1.DhPublicValue;
import dev.pkinitkdc.pkinit.asn1.EcPublicValue;
import dev.pkinitkdc.pkinit.kx.DhKeyPair;
import dev.pkinitkdc.pkinit.kx.EcdhKeyPair;
import dev.pkinitkdc.pkinit.kx.ModularExponentiation;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Set;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The client's ephemeral half of a DH or ECDH key agreement: the clientPublicValue it sends (RFC 4556 3.2.1,
 * RFC 5349 4) and the shared secret Z with the KDC's KDCDHKeyInfo.subjectPublicKey. {@link #toString()} never shows
 * the private key.
 */
public interface ClientKeyAgreement {
    /** "dh-modp14", "ecdh-p256", ... */
    String describe();

    /** The AuthPack's clientPublicValue (broken on purpose when a misbehaviour asks for it). */
    SubjectPublicKeyInfo clientPublicValue();

    /** Z with the KDC's public key (the BIT STRING octets), after checking that key; IllegalArgumentException if bad. */
    byte[] agree(byte[] kdcSubjectPublicKey);

    /** A fresh key pair for {@code choice}, or null for RSA key transport (no clientPublicValue). */
    static ClientKeyAgreement start(KeyExchangeChoice choice, Set<Misbehaviour> faults, SecureRandom random) {
        if (choice instanceof KeyExchangeChoice.Dh dh) {
            return new Modp(DhKeyPair.generate(dh.group(), random, Modp.ARITHMETIC),
                    faults.contains(Misbehaviour.DH_VALUE_OUTSIDE_SUBGROUP));
        }
        if (choice instanceof KeyExchangeChoice.Ecdh ec) {
            return new EllipticCurve(EcdhKeyPair.generate(ec.curve(), random),
                    faults.contains(Misbehaviour.EC_POINT_OFF_CURVE));
        }
        return null;
    }

    /** MODP DH; {@code outsideSubgroup} sends p - y, which is in range but of order 2q (-1 is a non-residue). */
    record Modp(DhKeyPair keys, boolean outsideSubgroup) implements ClientKeyAgreement {
        /** The system's libcrypto when it loads (a load generator builds thousands of these), else BigInteger. */
        static final ModularExponentiation ARITHMETIC = ModularExponentiation.fastest();

        @Override
        public String describe() {
            return keys.group().describe();
        }

        @Override
        public SubjectPublicKeyInfo clientPublicValue() {
            BigInteger y = outsideSubgroup ? keys.group().p().subtract(keys.publicValue()) : keys.publicValue();
            return new DhPublicValue(keys.group().domainParameters(), y).toSubjectPublicKeyInfo();
        }

        @Override
        public byte[] agree(byte[] kdcSubjectPublicKey) {
            return keys.agree(new dev.pkinitkdc.pkinit.asn1.KdcDhKeyInfo(kdcSubjectPublicKey, 0, null)
                    .dhPublicValue());
        }

        @Override
        public String toString() {
            return "ClientKeyAgreement[" + describe() + "]";
        }
    }

    /** ECDH; {@code offCurve} sends the point with the last octet of y changed, so it misses the curve. */
    record EllipticCurve(EcdhKeyPair keys, boolean offCurve) implements ClientKeyAgreement {
        @Override
        public String describe() {
            return keys.curve().describe();
        }

        @Override
        public SubjectPublicKeyInfo clientPublicValue() {
            byte[] point = keys.publicPoint();
            if (offCurve) {
                point[point.length - 1] ^= 1;
            }
            return new EcPublicValue(keys.curve().oid(), point).toSubjectPublicKeyInfo();
        }

        @Override
        public byte[] agree(byte[] kdcSubjectPublicKey) {
            return keys.agree(kdcSubjectPublicKey);
        }

        @Override
        public String toString() {
            return "ClientKeyAgreement[" + describe() + "]";
        }
    }
}
