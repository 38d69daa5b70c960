package dev.pkinitkdc.revocation;

import java.time.Instant;

/**
 * How a certificate was revoked (RFC 5280 5.3.1 reasonCode, RFC 6960 4.2.1 RevokedInfo).
 *
 * @param reason the CRLReason name ("keyCompromise", "unspecified", ...)
 */
public record RevokedEntry(Instant revocationTime, String reason) {
}
