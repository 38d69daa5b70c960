package dev.pkinitkdc.pkinit.enctype;

import dev.pkinitkdc.pkinit.asn1.Der;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kerby.asn1.type.Asn1Type;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.KrbIntegers;
import org.apache.kerby.kerberos.kerb.type.base.CheckSum;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcReqBody;

/**
 * Reads the etype INTEGER of Kerby values from their DER (field [0] of EncryptionKey and of EncryptedData,
 * RFC 4120 5.2.9), since Kerby's getters map unknown numbers to NONE.
 */
final class RawEtypes {
    private RawEtypes() {
    }

    static int keyType(EncryptionKey key) throws KrbException {
        return fieldZero(key);
    }

    static int etype(EncryptedData data) throws KrbException {
        return fieldZero(data);
    }

    /** Checksum cksumtype [0] (RFC 4120 5.2.9). */
    static int checksumType(CheckSum checksum) throws KrbException {
        return fieldZero(checksum);
    }

    private static int fieldZero(Asn1Type value) throws KrbException {
        byte[] der = KrbCodec.encode(value);
        try {
            return Der.integer(Der.required(Der.fields(Der.sequence(der)), 0)).intValueExact();
        } catch (RuntimeException e) {
            throw new KrbException("no etype in " + value.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    /** KDC-REQ-BODY etype [8] SEQUENCE OF Int32 (RFC 4120 5.4.1), in the client's order, from its DER. */
    static List<Integer> requested(byte[] reqBodyDer) {
        var field = Der.explicit(Der.fields(Der.sequence(reqBodyDer)), 8);
        if (field == null) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (var e : Der.sequence(field)) {
            out.add(Der.integer(e.toASN1Primitive()).intValueExact());
        }
        return out;
    }

    /** A KDC-REQ-BODY whose etype field holds raw numbers, which Kerby's setter cannot express. */
    static final class EtypesReqBody extends KdcReqBody {
        EtypesReqBody(List<Integer> etypes) {
            setFieldAs(KdcReqBodyField.ETYPE, new KrbIntegers(etypes));
        }
    }
}
