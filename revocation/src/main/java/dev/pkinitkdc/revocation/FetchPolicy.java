package dev.pkinitkdc.revocation;

/** Whether a source may go to the network for this check, or must answer from what it already holds. */
public enum FetchPolicy {
    NETWORK,
    CACHED_ONLY
}
