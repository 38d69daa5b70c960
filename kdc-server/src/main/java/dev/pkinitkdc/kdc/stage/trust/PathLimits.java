package dev.pkinitkdc.kdc.stage.trust;

import dev.pkinitkdc.conf.TrustSettings;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * Bounds of path building and validation (RFC 4158, RFC 5280 6.1): the most intermediate CAs, the most issuer
 * candidates one path search may consider before it gives up (each costs at most one signature check, so a
 * client's lattice of cross-certified CAs costs a bounded amount of CPU), and how far a client certificate's
 * validity may be off the KDC clock (a card issued a minute "in the future" by a CA with a fast clock).
 */
public record PathLimits(int maxPathLength, Duration validitySkew, int maxCandidates) {

    public PathLimits(int maxPathLength, Duration validitySkew) {
        this(maxPathLength, validitySkew, TrustSettings.DEFAULT_MAX_PATH_CANDIDATES);
    }

    public static PathLimits defaults() {
        return new PathLimits(TrustSettings.DEFAULT_MAX_PATH_LENGTH, Duration.ZERO);
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
