package dev.pkinitkdc.pkinit.kx;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;

/**
 * The NIST prime curves RFC 5349 5 names for PKINIT ECDH (P-256, P-384, P-521), identified in clientPublicValue
 * by namedCurve (RFC 5480 2.1.1.1). All have cofactor 1.
 */
public enum EcCurve {
    P256("p256", SECObjectIdentifiers.secp256r1),
    P384("p384", SECObjectIdentifiers.secp384r1),
    P521("p521", SECObjectIdentifiers.secp521r1);

    private final String shortName;
    private final ASN1ObjectIdentifier oid;
    private final ECNamedCurveParameterSpec spec;

    EcCurve(String shortName, ASN1ObjectIdentifier oid) {
        this.shortName = shortName;
        this.oid = oid;
        this.spec = ECNamedCurveTable.getParameterSpec(oid.getId());
    }

    public ASN1ObjectIdentifier oid() {
        return oid;
    }

    /** Bouncy Castle's domain parameters (curve, base point, order n, cofactor h). */
    public ECNamedCurveParameterSpec spec() {
        return spec;
    }

    /** Field size in bits: 256, 384, 521 (the number the ecdh_min_bits policy compares). */
    public int bits() {
        return spec.getCurve().getFieldSize();
    }

    /** Octets of one field element, the length of the shared secret Z (RFC 5349 7). */
    public int byteLength() {
        return (bits() + 7) / 8;
    }

    /** "P-256", "P-384", "P-521" (FIPS 186 names). */
    @Override
    public String toString() {
        return "P-" + bits();
    }

    /** "ecdh-p256" and so on, for logs and the audit record. */
    public String describe() {
        return "ecdh-" + shortName;
    }

    /** The curve for a namedCurve OID, empty for any other curve. */
    public static Optional<EcCurve> forOid(ASN1ObjectIdentifier oid) {
        return Arrays.stream(values()).filter(c -> c.oid.equals(oid)).findFirst();
    }
}
