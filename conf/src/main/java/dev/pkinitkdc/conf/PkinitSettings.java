package dev.pkinitkdc.conf;

/**
 * {@code [pkinit]}: the smallest Diffie-Hellman group accepted (RFC 4556 3.2.3.1).
 *
 * @param requireFreshness refuse a PKAuthenticator without an RFC 8070 freshness token (KDC_ERR_PREAUTH_EXPIRED)
 * @param requirePaChecksum2 refuse a PKAuthenticator without [MS-PKCA] 2.2.3 paChecksum2 (79)
 */
public record PkinitSettings(int dhMinBits, boolean requireFreshness, boolean requirePaChecksum2) {
    public PkinitSettings(int dhMinBits) {
        this(dhMinBits, false, false);
    }
}
