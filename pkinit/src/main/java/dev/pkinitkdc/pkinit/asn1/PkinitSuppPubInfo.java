package dev.pkinitkdc.pkinit.asn1;

import java.util.Map;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;

/**
 * RFC 8636 8 PkinitSuppPubInfo { enctype [0] Int32, as-REQ [1] OCTET STRING, pk-as-rep [2] OCTET STRING }:
 * binds the derived key to the enctype, the whole AS-REQ and the PA-PK-AS-REP as sent.
 */
public record PkinitSuppPubInfo(int enctype, byte[] asReq, byte[] pkAsRep) {
    public PkinitSuppPubInfo {
        asReq = asReq.clone();
        pkAsRep = pkAsRep.clone();
    }

    @Override
    public byte[] asReq() {
        return asReq.clone();
    }

    @Override
    public byte[] pkAsRep() {
        return pkAsRep.clone();
    }

    public static PkinitSuppPubInfo decode(byte[] der) {
        Map<Integer, ASN1TaggedObject> f = Der.fields(Der.sequence(der));
        return new PkinitSuppPubInfo(Der.integer(Der.required(f, 0)).intValueExact(),
                Der.octets(Der.required(f, 1)), Der.octets(Der.required(f, 2)));
    }

    public byte[] encode() {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(Der.tagged(0, new ASN1Integer(enctype)));
        v.add(Der.tagged(1, new DEROctetString(asReq)));
        v.add(Der.tagged(2, new DEROctetString(pkAsRep)));
        return Der.encode(new DERSequence(v));
    }
}
