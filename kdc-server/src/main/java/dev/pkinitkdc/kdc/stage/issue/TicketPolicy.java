package dev.pkinitkdc.kdc.stage.issue;

import java.time.Duration;

/**
 * Lifetime limits of issued TGTs (RFC 4120 3.1.3; MIT max_life, max_renewable_life; AD's defaults 10 h and 7 d),
 * and the clock skew within which a requested start time counts as "now".
 */
public record TicketPolicy(Duration maxLifetime, Duration maxRenewableLifetime, Duration clockSkew) {

    /** With the usual 5-minute skew (RFC 4120 1.7's "on the order of 5 minutes"). */
    public TicketPolicy(Duration maxLifetime, Duration maxRenewableLifetime) {
        this(maxLifetime, maxRenewableLifetime, Duration.ofMinutes(5));
    }
}
