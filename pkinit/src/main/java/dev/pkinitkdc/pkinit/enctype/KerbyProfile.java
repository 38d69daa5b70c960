package dev.pkinitkdc.pkinit.enctype;

import java.nio.charset.StandardCharsets;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.crypto.CheckSumHandler;
import org.apache.kerby.kerberos.kerb.crypto.EncTypeHandler;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;

/** The RFC 3962 enctypes (17, 18), which Kerby implements: this adapts its handler to {@link EncryptionProfile}. */
record KerbyProfile(Enctype enctype) implements EncryptionProfile {

    private EncTypeHandler handler() {
        try {
            return EncryptionHandler.getEncHandler(enctype.value());
        } catch (KrbException e) {
            throw new IllegalStateException("Kerby has no handler for " + enctype, e);
        }
    }

    @Override
    public byte[] encrypt(byte[] key, int usage, byte[] plaintext) {
        try {
            return handler().encrypt(plaintext, key, usage);
        } catch (KrbException e) {
            throw new IllegalStateException(enctype + " encryption failed", e);
        }
    }

    @Override
    public byte[] decrypt(byte[] key, int usage, byte[] ciphertext) throws IntegrityCheckFailed {
        try {
            return handler().decrypt(ciphertext, key, usage);
        } catch (KrbException | RuntimeException e) {
            throw new IntegrityCheckFailed(enctype + " decryption failed: " + e.getMessage());
        }
    }

    @Override
    public byte[] checksum(byte[] key, int usage, byte[] data) {
        try {
            // the handler takes the usage number itself: KeyUsage.fromValue knows only Kerby's constants (not 514)
            return CheckSumHandler.getCheckSumHandler(handler().checksumType()).checksumWithKey(data, key, usage);
        } catch (KrbException e) {
            throw new IllegalStateException(enctype + " checksum failed", e);
        }
    }

    @Override
    public int checksumType() {
        return handler().checksumType().getValue();
    }

    @Override
    public byte[] stringToKey(char[] password, byte[] salt) {
        try {
            return handler().str2key(new String(password), new String(salt, StandardCharsets.UTF_8), null);
        } catch (KrbException e) {
            throw new IllegalStateException(enctype + " string-to-key failed", e);
        }
    }
}
