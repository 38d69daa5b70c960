package dev.pkinitkdc.pkinit.asn1;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * RFC 4556 3.2.1 AuthPack { pkAuthenticator [0], clientPublicValue [1] SubjectPublicKeyInfo OPTIONAL,
 * supportedCMSTypes [2] SEQUENCE OF AlgorithmIdentifier OPTIONAL, clientDHNonce [3] DHNonce OPTIONAL },
 * with RFC 8636 4 supportedKDFs [4] SEQUENCE OF KDFAlgorithmId OPTIONAL.
 *
 * @param clientPublicValue null means public-key encryption (RFC 4556 3.2.3.2)
 * @param supportedCmsTypes null when absent
 * @param clientDhNonce null when absent
 * @param supportedKdfs null when absent
 */
public record AuthPack(PkAuthenticator pkAuthenticator, SubjectPublicKeyInfo clientPublicValue,
                       List<AlgorithmIdentifier> supportedCmsTypes, byte[] clientDhNonce,
                       List<ASN1ObjectIdentifier> supportedKdfs) {
    public AuthPack {
        supportedCmsTypes = supportedCmsTypes == null ? null : List.copyOf(supportedCmsTypes);
        supportedKdfs = supportedKdfs == null ? null : List.copyOf(supportedKdfs);
        clientDhNonce = Der.copy(clientDhNonce);
    }

    @Override
    public byte[] clientDhNonce() {
        return Der.copy(clientDhNonce);
    }

    public static AuthPack decode(byte[] der) {
        Map<Integer, ASN1TaggedObject> f = Der.fields(Der.sequence(der));
        ASN1Primitive spki = Der.explicit(f, 1);
        ASN1Primitive cms = Der.explicit(f, 2);
        ASN1Primitive nonce = Der.explicit(f, 3);
        ASN1Primitive kdfs = Der.explicit(f, 4);
        List<AlgorithmIdentifier> cmsTypes = null;
        if (cms != null) {
            cmsTypes = new ArrayList<>();
            for (ASN1Encodable e : Der.sequence(cms)) {
                cmsTypes.add(AlgorithmIdentifier.getInstance(e));
            }
        }
        return new AuthPack(
                PkAuthenticator.decode(Der.required(f, 0)),
                spki == null ? null : SubjectPublicKeyInfo.getInstance(spki),
                cmsTypes,
                nonce == null ? null : Der.octets(nonce),
                kdfs == null ? null : KdfAlgorithmId.decodeList(kdfs));
    }

    public byte[] encode() {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(Der.tagged(0, pkAuthenticator.toAsn1()));
        if (clientPublicValue != null) {
            v.add(Der.tagged(1, clientPublicValue));
        }
        if (supportedCmsTypes != null) {
            v.add(Der.tagged(2, new DERSequence(supportedCmsTypes.toArray(new AlgorithmIdentifier[0]))));
        }
        if (clientDhNonce != null) {
            v.add(Der.tagged(3, new DEROctetString(clientDhNonce)));
        }
        if (supportedKdfs != null) {
            v.add(Der.tagged(4, KdfAlgorithmId.encodeList(supportedKdfs)));
        }
        return Der.encode(new DERSequence(v));
    }
}
