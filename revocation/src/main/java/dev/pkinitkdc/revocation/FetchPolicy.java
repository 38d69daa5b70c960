package dev.pkinitkdc.revocation;

/**
 * Whether a check may wait for the network, or must answer at once from what the source already holds
 * (CACHED_ONLY: a miss starts a background fetch for the next check, which this one does not wait for).
 */
public enum FetchPolicy {
    NETWORK,
    CACHED_ONLY
}
