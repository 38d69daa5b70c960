package dev.pkinitkdc.pkinit.asn1;

import java.util.Map;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;

/**
 * RFC 4556 3.2.1 PA-PK-AS-REQ { signedAuthPack [0] IMPLICIT OCTET STRING, trustedCertifiers [1] SEQUENCE OF
 * ExternalPrincipalIdentifier OPTIONAL, kdcPkId [2] IMPLICIT OCTET STRING OPTIONAL }.
 *
 * @param signedAuthPack a ContentInfo holding SignedData, or (PKU2U) a bare SignedData
 * @param trustedCertifiers DER of the SEQUENCE OF ExternalPrincipalIdentifier, kept opaque; null when absent
 * @param kdcPkId null when absent
 */
public record PaPkAsReq(byte[] signedAuthPack, byte[] trustedCertifiers, byte[] kdcPkId) {
    public PaPkAsReq {
        signedAuthPack = signedAuthPack.clone();
        trustedCertifiers = Der.copy(trustedCertifiers);
        kdcPkId = Der.copy(kdcPkId);
    }

    @Override
    public byte[] signedAuthPack() {
        return signedAuthPack.clone();
    }

    @Override
    public byte[] trustedCertifiers() {
        return Der.copy(trustedCertifiers);
    }

    @Override
    public byte[] kdcPkId() {
        return Der.copy(kdcPkId);
    }

    public static PaPkAsReq decode(byte[] der) {
        Map<Integer, ASN1TaggedObject> f = Der.fields(Der.sequence(der));
        byte[] signed = Der.implicitOctets(f, 0);
        if (signed == null) {
            throw new IllegalArgumentException("PA-PK-AS-REQ without signedAuthPack");
        }
        ASN1Primitive certifiers = Der.explicit(f, 1);
        return new PaPkAsReq(signed, certifiers == null ? null : Der.encode(certifiers), Der.implicitOctets(f, 2));
    }

    public byte[] encode() {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(Der.implicitOctets(0, signedAuthPack));
        if (trustedCertifiers != null) {
            v.add(Der.tagged(1, Der.parse(trustedCertifiers)));
        }
        if (kdcPkId != null) {
            v.add(Der.implicitOctets(2, kdcPkId));
        }
        return Der.encode(new DERSequence(v));
    }
}
