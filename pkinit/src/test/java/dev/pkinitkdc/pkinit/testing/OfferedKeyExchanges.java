package dev.pkinitkdc.pkinit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/** What a KDC_ERR_DH_KEY_PARAMETERS_NOT_ACCEPTED offers in its TD-DH-PARAMETERS, decoded independently. */
public final class OfferedKeyExchanges {
    private static final Map<Integer, PublishedModpGroups.Group> PUBLISHED = PublishedModpGroups.load();

    private OfferedKeyExchanges() {
    }

    /**
     * The KRB-ERROR e-data decoded here with Bouncy Castle's ASN.1 classes alone: TYPED-DATA (RFC 4120 5.9.1) holding
     * TD-DH-PARAMETERS (109), a SEQUENCE OF AlgorithmIdentifier (RFC 4556 3.2.2). Each dhpublicnumber entry
     * (RFC 3279 2.3.3) must carry DomainParameters with the p and g an RFC publishes for a group and q = (p-1)/2;
     * it is named "modpN" after that group. An id-ecPublicKey entry (RFC 5480 2.1.1) is named by its namedCurve.
     */
    public static List<String> of(byte[] eData) {
        ASN1Sequence typedData = ASN1Sequence.getInstance(eData);
        assertEquals(1, typedData.size(), "one TYPED-DATA element");
        ASN1Sequence element = ASN1Sequence.getInstance(typedData.getObjectAt(0));
        assertEquals(109, ASN1Integer.getInstance(ASN1TaggedObject.getInstance(element.getObjectAt(0))
                .getExplicitBaseObject()).intValueExact(), "data-type TD-DH-PARAMETERS");
        byte[] dataValue = ASN1OctetString.getInstance(ASN1TaggedObject.getInstance(element.getObjectAt(1))
                .getExplicitBaseObject()).getOctets();
        List<String> names = new ArrayList<>();
        for (ASN1Encodable entry : ASN1Sequence.getInstance(dataValue)) {
            AlgorithmIdentifier alg = AlgorithmIdentifier.getInstance(entry);
            String oid = alg.getAlgorithm().getId();
            if (oid.equals("1.2.840.10045.2.1")) {
                names.add(ASN1ObjectIdentifier.getInstance(alg.getParameters()).getId());
                continue;
            }
            assertEquals("1.2.840.10046.2.1", oid, "dhpublicnumber");
            ASN1Sequence domain = ASN1Sequence.getInstance(alg.getParameters());
            BigInteger p = ASN1Integer.getInstance(domain.getObjectAt(0)).getValue();
            BigInteger g = ASN1Integer.getInstance(domain.getObjectAt(1)).getValue();
            PublishedModpGroups.Group rfc = PUBLISHED.values().stream().filter(group -> group.p().equals(p))
                    .findFirst().orElseThrow(() -> new AssertionError("p is no published group: " + p.toString(16)));
            assertEquals(rfc.g(), g, "g of group " + rfc.id());
            assertEquals(p.subtract(BigInteger.ONE).shiftRight(1), ASN1Integer.getInstance(domain.getObjectAt(2))
                    .getValue(), "q of group " + rfc.id());
            names.add("modp" + rfc.id());
        }
        return names;
    }
}
