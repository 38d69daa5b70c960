package dev.pkinitkdc.revocation;

/**
 * What is known about one certificate's revocation. REVOKED, UNKNOWN and UNAVAILABLE must never be confused:
 * they become KDC_ERR_REVOKED_CERTIFICATE (72), KDC_ERR_REVOCATION_STATUS_UNKNOWN (73) and
 * KDC_ERR_REVOCATION_STATUS_UNAVAILABLE (74) (RFC 4556 3.2.3).
 */
public enum RevocationStatus {
    /** A source vouched, within its validity (or grace), that the certificate is not revoked. */
    GOOD,
    /** A source said the certificate is revoked. */
    REVOKED,
    /** Sources answered, or none applies, but none could say GOOD or REVOKED (OCSP "unknown", no CDP/AIA). */
    UNKNOWN,
    /** A source that applies could not be reached, timed out, or gave an unusable answer. */
    UNAVAILABLE;

    /** Whether this is a definite answer that ends the search through the configured sources. */
    public boolean definite() {
        return this == GOOD || this == REVOKED;
    }
}
