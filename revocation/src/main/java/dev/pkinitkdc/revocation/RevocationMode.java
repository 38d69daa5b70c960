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
     * No logon waits for a fetch: sources answer from what they already hold and fetch what they miss in the
     * background for the next logon; a status that cannot be established is allowed with a WARN, like Windows'
     * UseCachedCRLOnlyAndIgnoreRevocationUnknownErrors.
     */
    CACHED_ONLY,
    /** No revocation checking at all: labs only; a loud WARN at start and {@code revocation=off} in every audit line. */
    OFF
}
