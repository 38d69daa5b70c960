package dev.pkinitkdc.revocation.ocsp;

import dev.pkinitkdc.revocation.RevocationStatus;
import java.time.Instant;

/**
 * A verified OCSPResponse about one certificate, kept as received so it can be handed on unchanged (stapled, RFC
 * 4557 3 / [MS-PKCA] 3.1.5.2.1.4).
 *
 * @param der the OCSPResponse exactly as the responder sent it (or as read from a file)
 * @param expires nextUpdate, or thisUpdate + 5 minutes without one (RFC 6960 4.2.2.1)
 */
public record OcspStaple(byte[] der, RevocationStatus status, Instant thisUpdate, Instant expires, String responder) {
    public OcspStaple {
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    /** Whether it may still be handed out at {@code now}. */
    public boolean current(Instant now) {
        return !now.isAfter(expires);
    }

    /** When to fetch a new one: half way through its validity, as RFC 5019 6.1 suggests for caches. */
    public Instant refreshAt() {
        return thisUpdate.plus(java.time.Duration.between(thisUpdate, expires).dividedBy(2));
    }
}
