package dev.pkinitkdc.pkinit.server;

import java.time.Duration;

/**
 * What the KDC accepts in a PA-PK-AS-REQ.
 *
 * @param minDhBits smallest MODP group accepted (RFC 4556 3.2.3.1; below: DH_PARAMETERS_NOT_ACCEPTED)
 * @param maxClockSkew allowed distance between the PKAuthenticator's ctime and the KDC clock (RFC 4120 5.2.3)
 */
public record PkinitPolicy(int minDhBits, Duration maxClockSkew) {
    public static PkinitPolicy defaults() {
        return new PkinitPolicy(2048, Duration.ofMinutes(5));
    }
}
