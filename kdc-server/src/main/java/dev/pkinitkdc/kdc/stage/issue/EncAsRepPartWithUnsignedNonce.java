package dev.pkinitkdc.kdc.stage.issue;

import java.math.BigInteger;
import org.apache.kerby.asn1.type.Asn1Integer;
import org.apache.kerby.kerberos.kerb.type.kdc.EncAsRepPart;
import org.apache.kerby.kerberos.kerb.type.kdc.EncKdcRepPart;

/**
 * EncASRepPart whose nonce is encoded as the UInt32 RFC 4120 5.4.2 defines: Kerby's setter takes a signed int,
 * which would turn nonces of 2^31 and above negative on the wire.
 */
final class EncAsRepPartWithUnsignedNonce extends EncAsRepPart {
    void setUnsignedNonce(long nonce) {
        setFieldAs(EncKdcRepPart.EncKdcRepPartField.NONCE, new Asn1Integer(BigInteger.valueOf(nonce)));
    }
}
