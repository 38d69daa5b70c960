package dev.pkinitkdc.pkinit.asn1;

import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERGeneralString;
import org.bouncycastle.asn1.DERSequence;

/**
 * RFC 4120 5.2.7.5 ETYPE-INFO2 ::= SEQUENCE SIZE (1..MAX) OF ETYPE-INFO2-ENTRY { etype [0] Int32, salt [1]
 * KerberosString OPTIONAL, s2kparams [2] OCTET STRING OPTIONAL }, the value of PA-ETYPE-INFO2 (19). Built by hand:
 * Kerby reads the RFC 8009 etypes 19 and 20 as NONE.
 */
public final class EtypeInfo2 {
    public static final int PA_ETYPE_INFO2 = 19;

    private EtypeInfo2() {
    }

    /** One entry per etype, each with {@code salt}, no s2kparams (the etype's default iteration count). */
    public static byte[] encode(List<Integer> etypes, String salt) {
        if (etypes.isEmpty()) {
            throw new IllegalArgumentException("ETYPE-INFO2 needs at least one entry");
        }
        ASN1EncodableVector entries = new ASN1EncodableVector();
        for (int etype : etypes) {
            ASN1EncodableVector entry = new ASN1EncodableVector();
            entry.add(Der.tagged(0, new ASN1Integer(etype)));
            entry.add(Der.tagged(1, new DERGeneralString(salt)));
            entries.add(new DERSequence(entry));
        }
        return Der.encode(new DERSequence(entries));
    }

    /** RFC 4120 4: the default salt, the realm followed by the name's components, nothing between them. */
    public static String defaultSalt(String realm, List<String> nameComponents) {
        return realm + String.join("", nameComponents);
    }
}
