package dev.pkinitkdc.pkinit.asn1;

import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * RFC 4556 3.2.2: with KDC_ERR_DH_KEY_PARAMETERS_NOT_ACCEPTED the KDC sends TD-DH-PARAMETERS (109), a SEQUENCE OF
 * AlgorithmIdentifier naming the DH groups it accepts, inside TYPED-DATA (RFC 4120 5.9.1) as the e-data.
 * RFC 5349 7 lets the KDC list EC domain parameters too: those follow the MODP groups as
 * AlgorithmIdentifier { id-ecPublicKey, namedCurve }, so a client that takes the first entry it knows (MIT does,
 * and older MIT stops at the first entry that is not dhpublicnumber) still finds a MODP group first.
 */
public final class TdDhParameters {
    public static final int TD_DH_PARAMETERS = TypedData.TD_DH_PARAMETERS;

    private TdDhParameters() {
    }

    /** TYPED-DATA ::= SEQUENCE OF SEQUENCE { data-type [0] Int32, data-value [1] OCTET STRING OPTIONAL }. */
    public static byte[] typedData(List<DhDomainParameters> accepted) {
        return typedData(accepted, List.of());
    }

    /** The MODP groups, then the named curves. */
    public static byte[] typedData(List<DhDomainParameters> groups, List<ASN1ObjectIdentifier> curves) {
        ASN1EncodableVector algs = new ASN1EncodableVector();
        groups.forEach(p -> algs.add(new AlgorithmIdentifier(PkinitOids.DH_PUBLIC_NUMBER, p.toAsn1())));
        curves.forEach(c -> algs.add(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, c)));
        return TypedData.of(TD_DH_PARAMETERS, Der.encode(new DERSequence(algs)));
    }

    /** The algorithms listed in a TD-DH-PARAMETERS data-value (for clients and tests). */
    public static List<AlgorithmIdentifier> decode(byte[] dataValue) {
        return java.util.Arrays.stream(Der.sequence(dataValue).toArray()).map(AlgorithmIdentifier::getInstance).toList();
    }
}
