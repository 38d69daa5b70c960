package dev.pkinitkdc.pkinit.asn1;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;

/**
 * RFC 4556 3.2.3 PA-PK-AS-REP ::= CHOICE { dhInfo [0] DHRepInfo, encKeyPack [1] IMPLICIT OCTET STRING }.
 * Exactly one of the two is non-null.
 */
public record PaPkAsRep(DhRepInfo dhInfo, byte[] encKeyPack) {
    public PaPkAsRep {
        if ((dhInfo == null) == (encKeyPack == null)) {
            throw new IllegalArgumentException("PA-PK-AS-REP is dhInfo or encKeyPack");
        }
        encKeyPack = Der.copy(encKeyPack);
    }

    @Override
    public byte[] encKeyPack() {
        return Der.copy(encKeyPack);
    }

    public static PaPkAsRep dh(DhRepInfo dhInfo) {
        return new PaPkAsRep(dhInfo, null);
    }

    /** RFC 4556 3.2.3.2: ContentInfo(EnvelopedData) for RSA key transport. */
    public static PaPkAsRep encKeyPack(byte[] contentInfo) {
        return new PaPkAsRep(null, contentInfo);
    }

    public static PaPkAsRep decode(byte[] der) {
        ASN1Primitive p = Der.parse(der);
        if (!(p instanceof ASN1TaggedObject t) || t.getTagClass() != BERTags.CONTEXT_SPECIFIC) {
            throw new IllegalArgumentException("PA-PK-AS-REP is not a tagged CHOICE");
        }
        return switch (t.getTagNo()) {
            case 0 -> dh(DhRepInfo.decode(t.getExplicitBaseObject().toASN1Primitive()));
            case 1 -> new PaPkAsRep(null, ASN1OctetString.getInstance(t, false).getOctets());
            default -> throw new IllegalArgumentException("unknown PA-PK-AS-REP choice [" + t.getTagNo() + "]");
        };
    }

    public byte[] encode() {
        return Der.encode(dhInfo != null ? Der.tagged(0, dhInfo.toAsn1()) : Der.implicitOctets(1, encKeyPack));
    }
}
