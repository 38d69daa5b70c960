package dev.pkinitkdc.pkinit.enctype;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * RFC 8009: aes128-cts-hmac-sha256-128 (etype 19, checksum type 19) and aes256-cts-hmac-sha384-192 (etype 20,
 * checksum type 20). Encryption (5): C = AES-CTS(Ke, N | plaintext) with a random 16-byte confounder N and a zero
 * IV, H = HMAC(Ki, IV | C) truncated to the checksum size, ciphertext = C | H. Checksums (6) are HMAC(Kc, data)
 * truncated likewise. Random-to-key is the identity (2).
 */
public final class Rfc8009Profile implements EncryptionProfile {
    public static final Rfc8009Profile AES128_SHA256 =
            new Rfc8009Profile(Enctype.AES128_CTS_HMAC_SHA256_128, "HmacSHA256", "PBKDF2WithHmacSHA256", 128);
    public static final Rfc8009Profile AES256_SHA384 =
            new Rfc8009Profile(Enctype.AES256_CTS_HMAC_SHA384_192, "HmacSHA384", "PBKDF2WithHmacSHA384", 192);

    /** RFC 8009 4: the default PBKDF2 iteration count (s2kparams absent). */
    public static final int DEFAULT_ITERATIONS = 32768;
    private static final int CONFOUNDER = 16;
    private static final int KC = 0x99;
    private static final int KE = 0xAA;
    private static final int KI = 0x55;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Enctype enctype;
    private final KdfHmacSha2 kdf;
    private final String pbkdf2;
    /** The truncated HMAC length in bits, which is also the length of Kc and Ki. */
    private final int macBits;

    private Rfc8009Profile(Enctype enctype, String hmac, String pbkdf2, int macBits) {
        this.enctype = enctype;
        this.kdf = new KdfHmacSha2(hmac);
        this.pbkdf2 = pbkdf2;
        this.macBits = macBits;
    }

    public Enctype enctype() {
        return enctype;
    }

    /** RFC 8009 5: Kc, the checksum key for {@code usage}. */
    public byte[] checksumKey(byte[] baseKey, int usage) {
        return kdf.usageKey(baseKey, usage, KC, macBits);
    }

    /** RFC 8009 5: Ke, the encryption key for {@code usage}, as long as the protocol key. */
    public byte[] encryptionKey(byte[] baseKey, int usage) {
        return kdf.usageKey(baseKey, usage, KE, enctype.keySize() * 8);
    }

    /** RFC 8009 5: Ki, the integrity key for {@code usage}. */
    public byte[] integrityKey(byte[] baseKey, int usage) {
        return kdf.usageKey(baseKey, usage, KI, macBits);
    }

    @Override
    public byte[] encrypt(byte[] key, int usage, byte[] plaintext) {
        byte[] confounder = new byte[CONFOUNDER];
        RANDOM.nextBytes(confounder);
        return encrypt(key, usage, plaintext, confounder);
    }

    /** {@link #encrypt} with a given confounder, for the RFC 8009 appendix A vectors. */
    public byte[] encrypt(byte[] key, int usage, byte[] plaintext, byte[] confounder) {
        byte[] ke = encryptionKey(key, usage);
        byte[] ki = integrityKey(key, usage);
        byte[] input = new byte[CONFOUNDER + plaintext.length];
        System.arraycopy(confounder, 0, input, 0, CONFOUNDER);
        System.arraycopy(plaintext, 0, input, CONFOUNDER, plaintext.length);
        try {
            byte[] c = AesCts.encrypt(ke, input);
            byte[] h = tag(ki, c);
            byte[] out = Arrays.copyOf(c, c.length + h.length);
            System.arraycopy(h, 0, out, c.length, h.length);
            return out;
        } finally {
            wipe(ke, ki, input);
        }
    }

    @Override
    public byte[] decrypt(byte[] key, int usage, byte[] ciphertext) throws IntegrityCheckFailed {
        int macBytes = macBits / 8;
        if (ciphertext.length < CONFOUNDER + macBytes) {
            throw new IntegrityCheckFailed(enctype + " ciphertext of " + ciphertext.length + " bytes is too short");
        }
        byte[] c = Arrays.copyOf(ciphertext, ciphertext.length - macBytes);
        byte[] h = Arrays.copyOfRange(ciphertext, c.length, ciphertext.length);
        byte[] ki = integrityKey(key, usage);
        byte[] expected = tag(ki, c);
        wipe(ki);
        // RFC 8009 5: verify before decrypting; MessageDigest.isEqual compares in constant time
        if (!MessageDigest.isEqual(expected, h)) {
            throw new IntegrityCheckFailed(enctype + " integrity check failed (wrong key or usage, or modified)");
        }
        byte[] ke = encryptionKey(key, usage);
        byte[] plain = AesCts.decrypt(ke, c);
        wipe(ke);
        try {
            return Arrays.copyOfRange(plain, CONFOUNDER, plain.length);
        } finally {
            wipe(plain);
        }
    }

    /** RFC 8009 5: H = HMAC(Ki, IV | C) truncated, with the zero IV included. */
    private byte[] tag(byte[] ki, byte[] c) {
        byte[] input = new byte[CONFOUNDER + c.length];
        System.arraycopy(c, 0, input, CONFOUNDER, c.length);
        return Arrays.copyOf(kdf.mac(ki, input), macBits / 8);
    }

    @Override
    public byte[] checksum(byte[] key, int usage, byte[] data) {
        byte[] kc = checksumKey(key, usage);
        try {
            return Arrays.copyOf(kdf.mac(kc, data), macBits / 8);
        } finally {
            wipe(kc);
        }
    }

    @Override
    public int checksumType() {
        return enctype.value(); // RFC 8009 7: hmac-sha256-128-aes128 is 19, hmac-sha384-192-aes256 is 20
    }

    @Override
    public byte[] stringToKey(char[] password, byte[] salt) {
        return stringToKey(password, salt, DEFAULT_ITERATIONS);
    }

    /**
     * RFC 8009 4: saltp = enctype-name | 0x00 | salt; tkey = random-to-key(PBKDF2-HMAC-SHA2(passphrase, saltp,
     * iter_count, keylength)); base-key = random-to-key(KDF-HMAC-SHA2(tkey, "kerberos", keylength)).
     */
    public byte[] stringToKey(char[] password, byte[] salt, int iterations) {
        ByteArrayOutputStream saltp = new ByteArrayOutputStream();
        saltp.writeBytes(enctype.kerberosName().getBytes(StandardCharsets.US_ASCII));
        saltp.write(0);
        saltp.writeBytes(salt);
        int bits = enctype.keySize() * 8;
        byte[] tkey;
        try {
            PBEKeySpec spec = new PBEKeySpec(password, saltp.toByteArray(), iterations, bits);
            tkey = SecretKeyFactory.getInstance(pbkdf2).generateSecret(spec).getEncoded();
            spec.clearPassword();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(pbkdf2 + " unavailable", e);
        }
        try {
            return kdf.derive(tkey, "kerberos", bits);
        } finally {
            wipe(tkey);
        }
    }

    /** RFC 8009 5 pseudo-random function: KDF-HMAC-SHA2(base-key, "prf", octet-string, 256 or 384). */
    public byte[] prf(byte[] key, byte[] input) {
        int bits = enctype == Enctype.AES128_CTS_HMAC_SHA256_128 ? 256 : 384;
        return kdf.derive(key, "prf".getBytes(StandardCharsets.US_ASCII), input, bits);
    }

    private static void wipe(byte[]... arrays) {
        for (byte[] a : arrays) {
            Arrays.fill(a, (byte) 0);
        }
    }
}
