package dev.pkinitkdc.revocation;

/**
 * What a certificate whose revocation status could not be established means for the logon. A certificate a
 * source says is REVOKED is refused in every mode but {@link #OFF}.
 */
public enum RevocationMode {
    /** Status unknown or unavailable refuses the logon (73 or 74). The default. */
    HARD_FAIL,
    /** Status unknown or unavailable is allowed, with one WARN line and a counter. */
    SOFT_FAIL,
    /**
     * Sources answer only from what they already hold (no fetch on the request path) and an unknown status is
     * allowed, like Windows' UseCachedCRLOnlyAndIgnoreRevocationUnknownErrors.
     */
    CACHED_ONLY,
    /** No revocation checking at all: labs only; a loud WARN at start and {@code revocation=off} in every audit line. */
    OFF
}
