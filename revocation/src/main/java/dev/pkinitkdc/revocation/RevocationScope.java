package dev.pkinitkdc.revocation;

/** Which certificates of a validated path are checked (RFC 5280 6.3 applies to each certificate of the path). */
public enum RevocationScope {
    /** Only the client's own certificate. */
    END_ENTITY,
    /** Every certificate of the path except the trust anchor, as the Windows KDC does. The default. */
    CHAIN
}
