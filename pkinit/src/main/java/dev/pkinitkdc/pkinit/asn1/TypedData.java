package dev.pkinitkdc.pkinit.asn1;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;

/**
 * TYPED-DATA (RFC 4120 5.9.1): the e-data of a KRB-ERROR that carries PKINIT hints (RFC 4556 3.2.2).
 * {@code TYPED-DATA ::= SEQUENCE OF SEQUENCE { data-type [0] Int32, data-value [1] OCTET STRING OPTIONAL }}
 */
public final class TypedData {
    /** TD-TRUSTED-CERTIFIERS: the CAs the KDC trusts, when the client's chain reaches none of them. */
    public static final int TD_TRUSTED_CERTIFIERS = 104;
    /** TD-INVALID-CERTIFICATES: the certificates the KDC found invalid. */
    public static final int TD_INVALID_CERTIFICATES = 105;
    /** TD-DH-PARAMETERS: the DH groups the KDC accepts. */
    public static final int TD_DH_PARAMETERS = 109;

    private TypedData() {
    }

    /** One TYPED-DATA element of the given type. */
    public static byte[] of(int type, byte[] value) {
        ASN1EncodableVector entry = new ASN1EncodableVector();
        entry.add(Der.tagged(0, new ASN1Integer(type)));
        entry.add(Der.tagged(1, new DEROctetString(value)));
        return Der.encode(new DERSequence(new DERSequence(entry)));
    }

    /** The data-value of the first element of {@code type} in a TYPED-DATA, empty when there is none. */
    public static java.util.Optional<byte[]> value(byte[] typedData, int type) {
        for (var element : Der.sequence(typedData)) {
            var f = Der.fields(Der.sequence(element));
            if (Der.integer(Der.required(f, 0)).intValueExact() == type) {
                ASN1Primitive v = Der.explicit(f, 1);
                return java.util.Optional.of(v == null ? new byte[0] : Der.octets(v));
            }
        }
        return java.util.Optional.empty();
    }
}
