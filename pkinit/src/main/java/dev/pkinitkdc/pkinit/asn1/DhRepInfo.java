package dev.pkinitkdc.pkinit.asn1;

import java.util.Map;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;

/**
 * RFC 4556 3.2.3 DHRepInfo { dhSignedData [0] IMPLICIT OCTET STRING, serverDHNonce [1] DHNonce OPTIONAL },
 * with RFC 8636 4 kdf [2] KDFAlgorithmId OPTIONAL.
 *
 * @param dhSignedData ContentInfo (or bare SignedData, PKU2U) whose eContent is KDCDHKeyInfo
 * @param serverDhNonce null when absent
 * @param kdf null when absent: the RFC 4556 octetstring2key applies
 */
public record DhRepInfo(byte[] dhSignedData, byte[] serverDhNonce, ASN1ObjectIdentifier kdf) {
    public DhRepInfo {
        dhSignedData = dhSignedData.clone();
        serverDhNonce = Der.copy(serverDhNonce);
    }

    @Override
    public byte[] dhSignedData() {
        return dhSignedData.clone();
    }

    @Override
    public byte[] serverDhNonce() {
        return Der.copy(serverDhNonce);
    }

    public static DhRepInfo decode(ASN1Primitive p) {
        Map<Integer, ASN1TaggedObject> f = Der.fields(Der.sequence(p));
        byte[] signed = Der.implicitOctets(f, 0);
        if (signed == null) {
            throw new IllegalArgumentException("DHRepInfo without dhSignedData");
        }
        ASN1Primitive nonce = Der.explicit(f, 1);
        ASN1Primitive kdf = Der.explicit(f, 2);
        return new DhRepInfo(signed, nonce == null ? null : Der.octets(nonce),
                kdf == null ? null : KdfAlgorithmId.decode(kdf).kdfId());
    }

    public ASN1Sequence toAsn1() {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(Der.implicitOctets(0, dhSignedData));
        if (serverDhNonce != null) {
            v.add(Der.tagged(1, new DEROctetString(serverDhNonce)));
        }
        if (kdf != null) {
            v.add(Der.tagged(2, new KdfAlgorithmId(kdf).toAsn1()));
        }
        return new DERSequence(v);
    }
}
