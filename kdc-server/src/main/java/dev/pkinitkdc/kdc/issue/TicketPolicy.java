package dev.pkinitkdc.kdc.issue;

import java.time.Duration;

/** Lifetime limits of issued TGTs (RFC 4120 3.1.3; MIT max_life, max_renewable_life). */
public record TicketPolicy(Duration maxLifetime, Duration maxRenewableLifetime) {
}
