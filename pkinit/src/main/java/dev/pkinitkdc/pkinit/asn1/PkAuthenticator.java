package dev.pkinitkdc.pkinit.asn1;

import java.time.Instant;
import java.util.Map;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;

/**
 * RFC 4556 3.2.1 PKAuthenticator { cusec [0], ctime [1], nonce [2] INTEGER (0..4294967295),
 * paChecksum [3] OCTET STRING OPTIONAL }, extended by RFC 8070 3 (freshnessToken [4] OCTET STRING OPTIONAL)
 * and [MS-PKCA] 2.2.3 (paChecksum2 [5] PAChecksum2 OPTIONAL).
 *
 * @param paChecksum SHA-1 of the DER KDC-REQ-BODY, or null
 * @param freshnessToken RFC 8070 token, or null
 * @param paChecksum2 or null
 */
public record PkAuthenticator(int cusec, Instant ctime, long nonce, byte[] paChecksum, byte[] freshnessToken,
                              PaChecksum2 paChecksum2) {
    public PkAuthenticator {
        if (cusec < 0 || cusec > 999_999) {
            throw new IllegalArgumentException("cusec out of range");
        }
        Der.uint32(nonce);
        paChecksum = Der.copy(paChecksum);
        freshnessToken = Der.copy(freshnessToken);
    }

    @Override
    public byte[] paChecksum() {
        return Der.copy(paChecksum);
    }

    @Override
    public byte[] freshnessToken() {
        return Der.copy(freshnessToken);
    }

    /** The client's time, ctime plus cusec microseconds. */
    public Instant clientTime() {
        return ctime.plusNanos(cusec * 1000L);
    }

    public static PkAuthenticator decode(ASN1Primitive p) {
        Map<Integer, ASN1TaggedObject> f = Der.fields(Der.sequence(p));
        ASN1Primitive checksum = Der.explicit(f, 3);
        ASN1Primitive freshness = Der.explicit(f, 4);
        ASN1Primitive checksum2 = Der.explicit(f, 5);
        return new PkAuthenticator(
                Der.integer(Der.required(f, 0)).intValueExact(),
                Der.kerberosTime(Der.required(f, 1)),
                Der.uint32(Der.required(f, 2)),
                checksum == null ? null : Der.octets(checksum),
                freshness == null ? null : Der.octets(freshness),
                checksum2 == null ? null : PaChecksum2.decode(checksum2));
    }

    public ASN1Sequence toAsn1() {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(Der.tagged(0, new ASN1Integer(cusec)));
        v.add(Der.tagged(1, Der.kerberosTime(ctime)));
        v.add(Der.tagged(2, Der.uint32(nonce)));
        if (paChecksum != null) {
            v.add(Der.tagged(3, new DEROctetString(paChecksum)));
        }
        if (freshnessToken != null) {
            v.add(Der.tagged(4, new DEROctetString(freshnessToken)));
        }
        if (paChecksum2 != null) {
            v.add(Der.tagged(5, paChecksum2.toAsn1()));
        }
        return new DERSequence(v);
    }
}
