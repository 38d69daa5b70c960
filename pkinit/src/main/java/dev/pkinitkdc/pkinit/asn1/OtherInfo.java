package dev.pkinitkdc.pkinit.asn1;

import java.util.Map;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * RFC 8636 8 / SP 800-56A 5.8.1.2 OtherInfo { algorithmID AlgorithmIdentifier, partyUInfo [0] OCTET STRING,
 * partyVInfo [1] OCTET STRING, suppPubInfo [2] OCTET STRING OPTIONAL, suppPrivInfo [3] OCTET STRING OPTIONAL }.
 * PKINIT puts the client's KRB5PrincipalName in partyUInfo, the TGS's in partyVInfo and PkinitSuppPubInfo in
 * suppPubInfo; suppPrivInfo is unused.
 *
 * @param suppPubInfo null when absent
 */
public record OtherInfo(AlgorithmIdentifier algorithmId, byte[] partyUInfo, byte[] partyVInfo, byte[] suppPubInfo) {
    public OtherInfo {
        partyUInfo = partyUInfo.clone();
        partyVInfo = partyVInfo.clone();
        suppPubInfo = Der.copy(suppPubInfo);
    }

    @Override
    public byte[] partyUInfo() {
        return partyUInfo.clone();
    }

    @Override
    public byte[] partyVInfo() {
        return partyVInfo.clone();
    }

    @Override
    public byte[] suppPubInfo() {
        return Der.copy(suppPubInfo);
    }

    public static OtherInfo decode(byte[] der) {
        var seq = Der.sequence(der);
        AlgorithmIdentifier alg = AlgorithmIdentifier.getInstance(seq.getObjectAt(0));
        ASN1EncodableVector rest = new ASN1EncodableVector();
        for (int i = 1; i < seq.size(); i++) {
            rest.add(seq.getObjectAt(i));
        }
        Map<Integer, ASN1TaggedObject> f = Der.fields(new DERSequence(rest));
        var supp = Der.explicit(f, 2);
        return new OtherInfo(alg, Der.octets(Der.required(f, 0)), Der.octets(Der.required(f, 1)),
                supp == null ? null : Der.octets(supp));
    }

    public byte[] encode() {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(algorithmId);
        v.add(Der.tagged(0, new DEROctetString(partyUInfo)));
        v.add(Der.tagged(1, new DEROctetString(partyVInfo)));
        if (suppPubInfo != null) {
            v.add(Der.tagged(2, new DEROctetString(suppPubInfo)));
        }
        return Der.encode(new DERSequence(v));
    }
}
