package dev.pkinitkdc.conf;

/**
 * {@code [pkinit]}: the key exchanges accepted (RFC 4556 3.2.3, RFC 5349) and the request fields required.
 *
 * @param dhMinBits smallest MODP group accepted
 * @param ecdhMinBits smallest elliptic curve accepted, by field size (256: P-256 and up)
 * @param rsaKeyTransport whether RSA key transport (no clientPublicValue) is answered
 * @param requireFreshness refuse a PKAuthenticator without an RFC 8070 freshness token (KDC_ERR_PREAUTH_EXPIRED)
 * @param requirePaChecksum2 refuse a PKAuthenticator without [MS-PKCA] 2.2.3 paChecksum2 (79)
 */
public record PkinitSettings(int dhMinBits, int ecdhMinBits, boolean rsaKeyTransport, boolean requireFreshness,
                             boolean requirePaChecksum2) {
    public static final int DEFAULT_DH_MIN_BITS = 2048;
    public static final int DEFAULT_ECDH_MIN_BITS = 256;

    /** Defaults for all but the smallest MODP group. */
    public PkinitSettings(int dhMinBits) {
        this(dhMinBits, DEFAULT_ECDH_MIN_BITS, true, false, false);
    }
}
