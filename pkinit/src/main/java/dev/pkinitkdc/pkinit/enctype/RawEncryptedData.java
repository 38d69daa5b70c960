package dev.pkinitkdc.pkinit.enctype;

import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;

/** An EncryptedData whose etype INTEGER is set from the number, so 19 and 20 survive encoding. */
final class RawEncryptedData extends EncryptedData {
    RawEncryptedData(int etype, byte[] cipher) {
        setFieldAsInt(EncryptedDataField.ETYPE, etype);
        setCipher(cipher);
    }
}
