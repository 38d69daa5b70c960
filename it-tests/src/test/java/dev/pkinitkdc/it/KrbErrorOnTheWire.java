package dev.pkinitkdc.it;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.base.KrbError;
import org.apache.kerby.kerberos.kerb.type.base.KrbMessage;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/** A KRB-ERROR as a KDC sent it, read independently of the KDC's own encoders (test side only). */
record KrbErrorOnTheWire(int code, String eText, Map<Integer, byte[]> typedData) {

    static KrbErrorOnTheWire decode(byte[] reply) throws IOException {
        KrbMessage message = KrbCodec.decodeMessage(ByteBuffer.wrap(reply));
        if (!(message instanceof KrbError error)) {
            throw new IOException("not a KRB-ERROR but " + message.getMsgType());
        }
        return new KrbErrorOnTheWire(error.getErrorCode().getValue(), error.getEtext(), typedData(error.getEdata()));
    }

    /** RFC 4120 5.9.1 TYPED-DATA ::= SEQUENCE OF SEQUENCE { data-type [0] Int32, data-value [1] OCTET STRING }. */
    private static Map<Integer, byte[]> typedData(byte[] eData) {
        Map<Integer, byte[]> entries = new LinkedHashMap<>();
        if (eData == null || eData.length == 0) {
            return entries;
        }
        for (ASN1Encodable element : ASN1Sequence.getInstance(eData)) {
            ASN1Sequence entry = ASN1Sequence.getInstance(element);
            int type = ASN1Integer.getInstance(ASN1TaggedObject.getInstance(entry.getObjectAt(0)).getExplicitBaseObject())
                    .intValueExact();
            byte[] value = entry.size() > 1 ? ASN1OctetString.getInstance(
                    ASN1TaggedObject.getInstance(entry.getObjectAt(1)).getExplicitBaseObject()).getOctets() : new byte[0];
            entries.put(type, value);
        }
        return entries;
    }

    /** RFC 4556 3.2.2 TD-DH-PARAMETERS: the prime p of each DH group the KDC offers, in its order. */
    List<BigInteger> offeredDhPrimes() {
        List<BigInteger> primes = new ArrayList<>();
        byte[] value = typedData.get(109);
        if (value == null) {
            return primes;
        }
        for (ASN1Encodable alg : ASN1Sequence.getInstance(value)) {
            ASN1Primitive params = AlgorithmIdentifier.getInstance(alg).getParameters().toASN1Primitive();
            primes.add(ASN1Integer.getInstance(ASN1Sequence.getInstance(params).getObjectAt(0)).getPositiveValue());
        }
        return primes;
    }
}
