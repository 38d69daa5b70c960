package dev.pkinitkdc.pkinit.enctype;

import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;

/** An EncryptionKey whose keytype INTEGER is set from the number, so 19 and 20 survive encoding. */
final class RawEncryptionKey extends EncryptionKey {
    RawEncryptionKey(int keyType, byte[] keyValue) {
        setFieldAsInt(EncryptionKeyField.KEY_TYPE, keyType);
        setKeyData(keyValue);
    }

    @Override
    public String toString() {
        return "EncryptionKey[etype=" + getFieldAsInteger(EncryptionKeyField.KEY_TYPE) + "]";
    }
}
