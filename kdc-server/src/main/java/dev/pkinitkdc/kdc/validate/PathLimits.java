package dev.pkinitkdc.kdc.validate;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * Bounds of path validation (RFC 5280 6.1): the most intermediate CAs, and how far a client certificate's
 * validity may be off the KDC clock (a card issued a minute "in the future" by a CA with a fast clock).
 */
public record PathLimits(int maxPathLength, Duration validitySkew) {

    public static PathLimits defaults() {
        return new PathLimits(5, Duration.ZERO);
    }

    /**
     * The time the path is validated at: now, or the certificate's notBefore / notAfter when now misses it by no
     * more than the skew.
     */
    Instant validationTime(X509Certificate cert, Instant now) {
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        if (now.isBefore(notBefore) && !now.plus(validitySkew).isBefore(notBefore)) {
            return notBefore;
        }
        if (now.isAfter(notAfter) && !now.minus(validitySkew).isAfter(notAfter)) {
            return notAfter;
        }
        return now;
    }
}
