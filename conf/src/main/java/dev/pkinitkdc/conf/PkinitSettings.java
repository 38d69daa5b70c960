package dev.pkinitkdc.conf;

/**
 * {@code [pkinit]}: the key exchanges accepted (RFC 4556 3.2.3, RFC 5349) and the request fields required.
 *
 * @param dhMinBits smallest MODP group accepted
 * @param ecdhMinBits smallest elliptic curve accepted, by field size (256: P-256 and up)
 * @param rsaKeyTransport whether RSA key transport (no clientPublicValue) is answered
 * @param requireFreshness refuse a PKAuthenticator without an RFC 8070 freshness token (KDC_ERR_PREAUTH_EXPIRED)
 * @param requirePaChecksum2 refuse a PKAuthenticator without [MS-PKCA] 2.2.3 paChecksum2 (79)
 * @param maxCertificates most certificates in the signed AuthPack's SignedData (RFC 5652 5.1)
 * @param maxCertificateBytes most bytes those certificates may take together
 * @param allowSha1Signature accept an AuthPack signature whose digest is SHA-1 (80 otherwise)
 * @param minRsaBits smallest RSA key of the certificate that signs the AuthPack (71 otherwise)
 */
public record PkinitSettings(int dhMinBits, int ecdhMinBits, boolean rsaKeyTransport, boolean requireFreshness,
                             boolean requirePaChecksum2, int maxCertificates, long maxCertificateBytes,
                             boolean allowSha1Signature, int minRsaBits) {
    public static final int DEFAULT_DH_MIN_BITS = 2048;
    public static final int DEFAULT_ECDH_MIN_BITS = 256;
    public static final int DEFAULT_MAX_CERTIFICATES = 10;
    public static final long DEFAULT_MAX_CERTIFICATE_BYTES = 64 * 1024;
    public static final int DEFAULT_MIN_RSA_BITS = 2048;

    /** The signed-AuthPack limits at their defaults. */
    public PkinitSettings(int dhMinBits, int ecdhMinBits, boolean rsaKeyTransport, boolean requireFreshness,
                          boolean requirePaChecksum2) {
        this(dhMinBits, ecdhMinBits, rsaKeyTransport, requireFreshness, requirePaChecksum2, DEFAULT_MAX_CERTIFICATES,
                DEFAULT_MAX_CERTIFICATE_BYTES, false, DEFAULT_MIN_RSA_BITS);
    }

    /** Defaults for all but the smallest MODP group. */
    public PkinitSettings(int dhMinBits) {
        this(dhMinBits, DEFAULT_ECDH_MIN_BITS, true, false, false);
    }
}
