package dev.pkinitkdc.revocation;

import java.time.Duration;
import java.time.Instant;

/**
 * How long an expired CRL or OCSP response stays usable after its nextUpdate (Windows' CRLValidityExtensionPeriod
 * and "allow CRL and OCSP responses to be valid longer than their lifetime"): 0 by default, at most 2000 hours.
 */
public record GracePeriod(Duration length) {
    public static final Duration MAX = Duration.ofHours(2000);
    public static final GracePeriod NONE = new GracePeriod(Duration.ZERO);

    public GracePeriod {
        if (length.isNegative() || length.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("grace must be 0..2000 hours: " + length);
        }
    }

    /** Whether something whose nextUpdate has passed can still be used at {@code now}. */
    public boolean covers(Instant nextUpdate, Instant now) {
        return !now.isAfter(nextUpdate.plus(length));
    }
}
