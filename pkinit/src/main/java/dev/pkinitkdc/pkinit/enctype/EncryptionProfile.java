package dev.pkinitkdc.pkinit.enctype;

/**
 * The RFC 3961 operations of one enctype on raw keys (the protocol key, not yet derived for a usage). Keys are
 * never logged; a failed integrity check is a {@link IntegrityCheckFailed}.
 */
public interface EncryptionProfile {
    /** RFC 3961 3 encrypt: a fresh confounder, the plaintext, and the integrity tag, for {@code usage}. */
    byte[] encrypt(byte[] key, int usage, byte[] plaintext);

    /** RFC 3961 3 decrypt, verifying the integrity tag before returning the plaintext. */
    byte[] decrypt(byte[] key, int usage, byte[] ciphertext) throws IntegrityCheckFailed;

    /** RFC 3961 4 get_mic: the keyed checksum of {@code data} for {@code usage}. */
    byte[] checksum(byte[] key, int usage, byte[] data);

    /** The RFC 3961 checksum type number of {@link #checksum}. */
    int checksumType();

    /** RFC 3961 3 string-to-key with the enctype's default parameters. */
    byte[] stringToKey(char[] password, byte[] salt);
}
