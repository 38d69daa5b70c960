package dev.pkinitkdc.pkinit.enctype;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Kerberos enctypes this project issues keys in, by their IANA number. Kerby 2.1.2's {@code EncryptionType}
 * has no values for RFC 8009's 19 and 20 (it maps them to NONE), so the KDC and our client use this type and
 * {@link Enctypes} to reach the crypto.
 */
public enum Enctype {
    /** RFC 3962. */
    AES128_CTS_HMAC_SHA1_96(17, "aes128-cts-hmac-sha1-96", 16),
    /** RFC 3962. */
    AES256_CTS_HMAC_SHA1_96(18, "aes256-cts-hmac-sha1-96", 32),
    /** RFC 8009. */
    AES128_CTS_HMAC_SHA256_128(19, "aes128-cts-hmac-sha256-128", 16),
    /** RFC 8009. */
    AES256_CTS_HMAC_SHA384_192(20, "aes256-cts-hmac-sha384-192", 32);

    private final int value;
    private final String kerberosName;
    private final int keySize;

    Enctype(int value, String kerberosName, int keySize) {
        this.value = value;
        this.kerberosName = kerberosName;
        this.keySize = keySize;
    }

    /** The etype number on the wire (RFC 3961 8, IANA Kerberos Encryption Type Numbers). */
    public int value() {
        return value;
    }

    /** The name krb5.conf and kdc.conf use, e.g. "aes256-cts-hmac-sha384-192". */
    public String kerberosName() {
        return kerberosName;
    }

    /**
     * The key and key-generation seed size in bytes (RFC 3961 3): random-to-key is the identity for all four, so
     * both are the AES key length.
     */
    public int keySize() {
        return keySize;
    }

    /** The RFC 3961 profile: RFC 8009 code for 19 and 20, Kerby for 17 and 18. */
    public EncryptionProfile profile() {
        return switch (this) {
            case AES128_CTS_HMAC_SHA256_128 -> Rfc8009Profile.AES128_SHA256;
            case AES256_CTS_HMAC_SHA384_192 -> Rfc8009Profile.AES256_SHA384;
            default -> new KerbyProfile(this);
        };
    }

    public static Optional<Enctype> fromValue(int value) {
        return Arrays.stream(values()).filter(e -> e.value == value).findFirst();
    }

    public static Optional<Enctype> fromName(String name) {
        return Arrays.stream(values()).filter(e -> e.kerberosName.equalsIgnoreCase(name)).findFirst();
    }

    @Override
    public String toString() {
        return kerberosName;
    }
}
