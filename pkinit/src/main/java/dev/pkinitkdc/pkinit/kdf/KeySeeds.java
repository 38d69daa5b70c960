package dev.pkinitkdc.pkinit.kdf;

import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;

/** RFC 3961 3: the key-generation seed length of an enctype and its random-to-key (identity for AES, RFC 3962). */
final class KeySeeds {
    private KeySeeds() {
    }

    static int seedLength(EncryptionType enctype) {
        try {
            return EncryptionHandler.getEncHandler(enctype).keyInputSize();
        } catch (KrbException e) {
            throw new IllegalArgumentException("unsupported enctype " + enctype, e);
        }
    }

    static EncryptionKey randomToKey(EncryptionType enctype, byte[] seed) {
        try {
            return new EncryptionKey(enctype, EncryptionHandler.getEncHandler(enctype).random2Key(seed.clone()));
        } catch (KrbException e) {
            throw new IllegalArgumentException("unsupported enctype " + enctype, e);
        }
    }
}
