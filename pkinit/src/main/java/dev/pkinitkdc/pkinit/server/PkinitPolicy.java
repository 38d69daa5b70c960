package dev.pkinitkdc.pkinit.server;

import java.time.Duration;

/**
 * What the KDC accepts in a PA-PK-AS-REQ.
 *
 * @param minDhBits smallest MODP group accepted (RFC 4556 3.2.3.1; below: DH_PARAMETERS_NOT_ACCEPTED)
 * @param maxClockSkew allowed distance between the PKAuthenticator's ctime and the KDC clock (RFC 4120 5.2.3)
 * @param requirePaChecksum2 refuse a PKAuthenticator without [MS-PKCA] 2.2.3 paChecksum2 (PA_CHECKSUM_MISSING)
 */
public record PkinitPolicy(int minDhBits, Duration maxClockSkew, boolean requirePaChecksum2) {
    public PkinitPolicy(int minDhBits, Duration maxClockSkew) {
        this(minDhBits, maxClockSkew, false);
    }

    public static PkinitPolicy defaults() {
        return new PkinitPolicy(2048, Duration.ofMinutes(5));
    }

    public PkinitPolicy withRequirePaChecksum2(boolean require) {
        return new PkinitPolicy(minDhBits, maxClockSkew, require);
    }
}
