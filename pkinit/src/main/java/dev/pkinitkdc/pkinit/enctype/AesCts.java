package dev.pkinitkdc.pkinit.enctype;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in CBC mode with ciphertext stealing as RFC 3962 2 defines it (NIST SP 800-38A addendum CBC-CS3): the last
 * two cipher blocks are swapped and the final one truncated to the length of the last plaintext block. One
 * block is plain CBC. The IV is zero in both RFC 3962 and RFC 8009.
 */
final class AesCts {
    private static final int BLOCK = 16;
    /** One engine per thread: Cipher.getInstance searches every provider for the transformation each time. */
    private static final ThreadLocal<Cipher> CBC = ThreadLocal.withInitial(() -> engine("AES/CBC/NoPadding"));
    private static final ThreadLocal<Cipher> ECB = ThreadLocal.withInitial(() -> engine("AES/ECB/NoPadding"));

    private AesCts() {
    }

    static byte[] encrypt(byte[] key, byte[] plain) {
        if (plain.length < BLOCK) {
            throw new IllegalArgumentException("CTS needs at least one block, got " + plain.length + " bytes");
        }
        if (plain.length == BLOCK) {
            return cbc(Cipher.ENCRYPT_MODE, key, plain);
        }
        int blocks = (plain.length + BLOCK - 1) / BLOCK;
        int lastLength = plain.length - (blocks - 1) * BLOCK;
        byte[] c = cbc(Cipher.ENCRYPT_MODE, key, Arrays.copyOf(plain, blocks * BLOCK));
        byte[] out = new byte[plain.length];
        System.arraycopy(c, 0, out, 0, (blocks - 2) * BLOCK);
        System.arraycopy(c, (blocks - 1) * BLOCK, out, (blocks - 2) * BLOCK, BLOCK);
        System.arraycopy(c, (blocks - 2) * BLOCK, out, (blocks - 1) * BLOCK, lastLength);
        return out;
    }

    static byte[] decrypt(byte[] key, byte[] cipherText) {
        if (cipherText.length < BLOCK) {
            throw new IllegalArgumentException("CTS needs at least one block, got " + cipherText.length + " bytes");
        }
        if (cipherText.length == BLOCK) {
            return cbc(Cipher.DECRYPT_MODE, key, cipherText);
        }
        int blocks = (cipherText.length + BLOCK - 1) / BLOCK;
        int lastLength = cipherText.length - (blocks - 1) * BLOCK;
        int swapped = (blocks - 2) * BLOCK;
        // the full block at n-2 is the encryption of the zero-padded last block, chained on C[n-2]
        byte[] d = ecbDecrypt(key, Arrays.copyOfRange(cipherText, swapped, swapped + BLOCK));
        byte[] previous = new byte[BLOCK];
        System.arraycopy(cipherText, swapped + BLOCK, previous, 0, lastLength);
        System.arraycopy(d, lastLength, previous, lastLength, BLOCK - lastLength);
        byte[] chained = new byte[(blocks - 1) * BLOCK];
        System.arraycopy(cipherText, 0, chained, 0, swapped);
        System.arraycopy(previous, 0, chained, swapped, BLOCK);
        byte[] head = cbc(Cipher.DECRYPT_MODE, key, chained);
        byte[] out = Arrays.copyOf(head, cipherText.length);
        for (int i = 0; i < lastLength; i++) {
            out[swapped + BLOCK + i] = (byte) (d[i] ^ previous[i]);
        }
        return out;
    }

    private static byte[] cbc(int mode, byte[] key, byte[] data) {
        try {
            Cipher cipher = CBC.get();
            cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[BLOCK]));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC unavailable", e);
        }
    }

    private static byte[] ecbDecrypt(byte[] key, byte[] block) {
        try {
            Cipher cipher = ECB.get();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"));
            return cipher.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-ECB unavailable", e);
        }
    }

    private static Cipher engine(String transformation) {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(transformation + " unavailable", e);
        }
    }
}
