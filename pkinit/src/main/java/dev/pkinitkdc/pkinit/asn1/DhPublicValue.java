package dev.pkinitkdc.pkinit.asn1;

import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A Diffie-Hellman clientPublicValue (RFC 4556 3.2.2): SubjectPublicKeyInfo with algorithm dhpublicnumber,
 * parameters DomainParameters, and the public key y as a DER INTEGER inside the BIT STRING (RFC 3279 2.3.3).
 */
public record DhPublicValue(DhDomainParameters parameters, BigInteger y) {

    public static boolean isDh(SubjectPublicKeyInfo spki) {
        return PkinitOids.DH_PUBLIC_NUMBER.equals(spki.getAlgorithm().getAlgorithm());
    }

    public static DhPublicValue decode(SubjectPublicKeyInfo spki) {
        if (!isDh(spki)) {
            throw new IllegalArgumentException("not a dhpublicnumber key: " + spki.getAlgorithm().getAlgorithm());
        }
        if (spki.getAlgorithm().getParameters() == null) {
            throw new IllegalArgumentException("dhpublicnumber without DomainParameters");
        }
        DhDomainParameters params = DhDomainParameters.decode(spki.getAlgorithm().getParameters().toASN1Primitive());
        try {
            return new DhPublicValue(params, Der.integer(spki.parsePublicKey()));
        } catch (IOException e) {
            throw new IllegalArgumentException("DH public key is not an INTEGER", e);
        }
    }

    public SubjectPublicKeyInfo toSubjectPublicKeyInfo() {
        try {
            return new SubjectPublicKeyInfo(
                    new AlgorithmIdentifier(PkinitOids.DH_PUBLIC_NUMBER, parameters.toAsn1()), new ASN1Integer(y));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
