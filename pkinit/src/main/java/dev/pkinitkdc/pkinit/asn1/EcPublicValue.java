package dev.pkinitkdc.pkinit.asn1;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * An elliptic-curve clientPublicValue (RFC 5349 4): SubjectPublicKeyInfo with algorithm id-ecPublicKey, parameters
 * ECParameters (RFC 5480 2.1.1: only namedCurve is allowed), and the SEC 1 ECPoint octets as the BIT STRING.
 *
 * @param namedCurve the curve OID, or null when the parameters are not a namedCurve (explicit or implicit curves,
 *        which RFC 5480 forbids)
 */
public record EcPublicValue(ASN1ObjectIdentifier namedCurve, byte[] point) {
    public EcPublicValue {
        point = point.clone();
    }

    @Override
    public byte[] point() {
        return point.clone();
    }

    public static boolean isEc(SubjectPublicKeyInfo spki) {
        return X9ObjectIdentifiers.id_ecPublicKey.equals(spki.getAlgorithm().getAlgorithm());
    }

    public static EcPublicValue decode(SubjectPublicKeyInfo spki) {
        if (!isEc(spki)) {
            throw new IllegalArgumentException("not an id-ecPublicKey key: " + spki.getAlgorithm().getAlgorithm());
        }
        var params = spki.getAlgorithm().getParameters();
        ASN1ObjectIdentifier curve = params instanceof ASN1ObjectIdentifier oid ? oid : null;
        if (spki.getPublicKeyData().getPadBits() != 0) {
            throw new IllegalArgumentException("ECPoint BIT STRING with unused bits");
        }
        return new EcPublicValue(curve, spki.getPublicKeyData().getOctets());
    }

    public SubjectPublicKeyInfo toSubjectPublicKeyInfo() {
        return new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, namedCurve),
                point);
    }
}
