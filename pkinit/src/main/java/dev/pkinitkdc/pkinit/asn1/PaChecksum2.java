package dev.pkinitkdc.pkinit.asn1;

import java.util.Map;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * [MS-PKCA] 2.2.3: {@code PAChecksum2 ::= SEQUENCE { checksum [0] OCTET STRING,
 * algorithmIdentifier [1] KERB-ALGORITHM-IDENTIFIER }}, the req-body digest with an agile hash.
 */
public record PaChecksum2(byte[] checksum, AlgorithmIdentifier algorithm) {
    public PaChecksum2 {
        checksum = checksum.clone();
    }

    @Override
    public byte[] checksum() {
        return checksum.clone();
    }

    public static PaChecksum2 decode(ASN1Primitive p) {
        Map<Integer, ASN1TaggedObject> f = Der.fields(Der.sequence(p));
        return new PaChecksum2(Der.octets(Der.required(f, 0)), AlgorithmIdentifier.getInstance(Der.required(f, 1)));
    }

    public ASN1Sequence toAsn1() {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(Der.tagged(0, new DEROctetString(checksum)));
        v.add(Der.tagged(1, algorithm));
        return new DERSequence(v);
    }
}
