package dev.pkinitkdc.pkinit.asn1;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;

/**
 * RFC 4556 3.2.3.1 KDCDHKeyInfo { subjectPublicKey [0] BIT STRING, nonce [1] INTEGER (0..4294967295) (the
 * PKAuthenticator nonce), dhKeyExpiration [2] KerberosTime OPTIONAL }. The BIT STRING holds a DER INTEGER y for DH,
 * and the SEC 1 ECPoint octets themselves for ECDH (RFC 5349 5).
 *
 * @param subjectPublicKey the octets of the BIT STRING
 * @param dhKeyExpiration null when absent
 */
public record KdcDhKeyInfo(byte[] subjectPublicKey, long nonce, Instant dhKeyExpiration) {
    public KdcDhKeyInfo {
        subjectPublicKey = subjectPublicKey.clone();
    }

    /** The DH form: y as a DER INTEGER in the BIT STRING. */
    public static KdcDhKeyInfo dh(BigInteger y, long nonce, Instant dhKeyExpiration) {
        return new KdcDhKeyInfo(Der.encode(new ASN1Integer(y)), nonce, dhKeyExpiration);
    }

    @Override
    public byte[] subjectPublicKey() {
        return subjectPublicKey.clone();
    }

    /** The DH public value y; IllegalArgumentException when the BIT STRING does not hold an INTEGER. */
    public BigInteger dhPublicValue() {
        try {
            return Der.integer(ASN1Primitive.fromByteArray(subjectPublicKey));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("subjectPublicKey does not hold an INTEGER", e);
        }
    }

    public static KdcDhKeyInfo decode(byte[] der) {
        Map<Integer, ASN1TaggedObject> f = Der.fields(Der.sequence(der));
        ASN1Primitive expiration = Der.explicit(f, 2);
        byte[] key;
        try {
            key = ASN1BitString.getInstance(Der.required(f, 0)).getOctets();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("subjectPublicKey is not a BIT STRING", e);
        }
        return new KdcDhKeyInfo(key, Der.uint32(Der.required(f, 1)),
                expiration == null ? null : Der.kerberosTime(expiration));
    }

    public byte[] encode() {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(Der.tagged(0, new DERBitString(subjectPublicKey)));
        v.add(Der.tagged(1, Der.uint32(nonce)));
        if (dhKeyExpiration != null) {
            v.add(Der.tagged(2, Der.kerberosTime(dhKeyExpiration)));
        }
        return Der.encode(new DERSequence(v));
    }
}
