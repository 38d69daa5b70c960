package dev.pkinitkdc.pkinit.kdf;

import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;

/**
 * RFC 3961 3: the key-generation seed length of an enctype and its random-to-key, the identity for AES (RFC 3962
 * and RFC 8009 2): 16 bytes for etypes 17 and 19, 32 for 18 and 20.
 */
final class KeySeeds {
    private KeySeeds() {
    }

    static int seedLength(Enctype enctype) {
        return enctype.keySize();
    }

    static EncryptionKey randomToKey(Enctype enctype, byte[] seed) {
        return Enctypes.key(enctype, seed);
    }
}
