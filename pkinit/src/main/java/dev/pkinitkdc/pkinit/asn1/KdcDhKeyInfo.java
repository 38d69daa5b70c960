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
 * RFC 4556 3.2.3.1 KDCDHKeyInfo { subjectPublicKey [0] BIT STRING (a DER INTEGER y for DH),
 * nonce [1] INTEGER (0..4294967295) (the PKAuthenticator nonce), dhKeyExpiration [2] KerberosTime OPTIONAL }.
 *
 * @param dhKeyExpiration null when absent
 */
public record KdcDhKeyInfo(BigInteger subjectPublicKey, long nonce, Instant dhKeyExpiration) {

    public static KdcDhKeyInfo decode(byte[] der) {
        Map<Integer, ASN1TaggedObject> f = Der.fields(Der.sequence(der));
        ASN1Primitive expiration = Der.explicit(f, 2);
        BigInteger y;
        try {
            y = Der.integer(ASN1Primitive.fromByteArray(ASN1BitString.getInstance(Der.required(f, 0)).getOctets()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("subjectPublicKey is not a BIT STRING holding an INTEGER", e);
        }
        return new KdcDhKeyInfo(y, Der.uint32(Der.required(f, 1)),
                expiration == null ? null : Der.kerberosTime(expiration));
    }

    public byte[] encode() {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(Der.tagged(0, new DERBitString(Der.encode(new ASN1Integer(subjectPublicKey)))));
        v.add(Der.tagged(1, Der.uint32(nonce)));
        if (dhKeyExpiration != null) {
            v.add(Der.tagged(2, Der.kerberosTime(dhKeyExpiration)));
        }
        return Der.encode(new DERSequence(v));
    }
}
