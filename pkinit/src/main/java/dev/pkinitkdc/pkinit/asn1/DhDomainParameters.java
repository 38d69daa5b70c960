package dev.pkinitkdc.pkinit.asn1;

import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

/**
 * RFC 3279 2.3.3 DomainParameters { p, g, q, j OPTIONAL, validationParms OPTIONAL }, as RFC 4556 3.2.2 carries
 * it in clientPublicValue. Decoding is lenient: q may be absent or encoded as 0 (PKINITtools, Metasploit,
 * Certipy do), and j / validationParms are ignored.
 *
 * @param q the subgroup order, or null when absent or 0
 */
public record DhDomainParameters(BigInteger p, BigInteger g, BigInteger q) {
    public static DhDomainParameters decode(ASN1Primitive params) {
        ASN1Sequence s = Der.sequence(params);
        if (s.size() < 2) {
            throw new IllegalArgumentException("DomainParameters needs p and g");
        }
        BigInteger q = s.size() > 2 ? Der.integer(s.getObjectAt(2).toASN1Primitive()) : null;
        return new DhDomainParameters(Der.integer(s.getObjectAt(0).toASN1Primitive()),
                Der.integer(s.getObjectAt(1).toASN1Primitive()), q == null || q.signum() == 0 ? null : q);
    }

    public ASN1Sequence toAsn1() {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(p));
        v.add(new ASN1Integer(g));
        v.add(new ASN1Integer(q == null ? BigInteger.ZERO : q));
        return new DERSequence(v);
    }
}
