package dev.pkinitkdc.pkinit.asn1;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

/** RFC 8636 4: {@code KDFAlgorithmId ::= SEQUENCE { kdf-id [0] OBJECT IDENTIFIER }}. */
public record KdfAlgorithmId(ASN1ObjectIdentifier kdfId) {

    public static KdfAlgorithmId decode(ASN1Primitive p) {
        return new KdfAlgorithmId(ASN1ObjectIdentifier.getInstance(Der.required(Der.fields(Der.sequence(p)), 0)));
    }

    public ASN1Sequence toAsn1() {
        return new DERSequence(Der.tagged(0, kdfId));
    }

    /** supportedKDFs (RFC 8636 4): SEQUENCE OF KDFAlgorithmId. */
    public static List<ASN1ObjectIdentifier> decodeList(ASN1Primitive p) {
        List<ASN1ObjectIdentifier> out = new ArrayList<>();
        for (ASN1Encodable e : Der.sequence(p)) {
            out.add(decode(e.toASN1Primitive()).kdfId());
        }
        return out;
    }

    public static ASN1Sequence encodeList(List<ASN1ObjectIdentifier> oids) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        oids.forEach(o -> v.add(new KdfAlgorithmId(o).toAsn1()));
        return new DERSequence(v);
    }
}
