package dev.pkinitkdc.kdc.stage.issue;

import java.math.BigInteger;
import org.apache.kerby.asn1.type.Asn1Integer;
import org.apache.kerby.kerberos.kerb.type.kdc.EncKdcRepPart;
import org.apache.kerby.kerberos.kerb.type.kdc.EncTgsRepPart;

/** EncTGSRepPart ([APPLICATION 26]) with the nonce encoded as a UInt32, as {@link EncAsRepPartWithUnsignedNonce}. */
final class EncTgsRepPartWithUnsignedNonce extends EncTgsRepPart {
    void setUnsignedNonce(long nonce) {
        setFieldAs(EncKdcRepPart.EncKdcRepPartField.NONCE, new Asn1Integer(BigInteger.valueOf(nonce)));
    }
}
