package dev.pkinitkdc.pkinit.asn1;

import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * RFC 4556 3.2.2: with KDC_ERR_DH_KEY_PARAMETERS_NOT_ACCEPTED the KDC sends TD-DH-PARAMETERS (109), a SEQUENCE OF
 * AlgorithmIdentifier naming the DH groups it accepts, inside TYPED-DATA (RFC 4120 5.9.1) as the e-data.
 */
public final class TdDhParameters {
    public static final int TD_DH_PARAMETERS = TypedData.TD_DH_PARAMETERS;

    private TdDhParameters() {
    }

    /** TYPED-DATA ::= SEQUENCE OF SEQUENCE { data-type [0] Int32, data-value [1] OCTET STRING OPTIONAL }. */
    public static byte[] typedData(List<DhDomainParameters> accepted) {
        ASN1EncodableVector algs = new ASN1EncodableVector();
        accepted.forEach(p -> algs.add(new AlgorithmIdentifier(PkinitOids.DH_PUBLIC_NUMBER, p.toAsn1())));
        return TypedData.of(TD_DH_PARAMETERS, Der.encode(new DERSequence(algs)));
    }
}
