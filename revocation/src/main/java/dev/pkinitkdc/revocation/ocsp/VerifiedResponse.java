package dev.pkinitkdc.revocation.ocsp;

import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.RevokedEntry;
import dev.pkinitkdc.revocation.SourceAnswer;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The SingleResponse (RFC 6960 4.2.1) for one CertID out of a response whose signature and signer were verified.
 *
 * @param status GOOD, REVOKED or UNKNOWN as the responder said (certStatus)
 * @param nextUpdate as the responder gave it; absent means newer information is always available (RFC 6960
 *                   4.2.2.1)
 * @param signer who signed it, for the answer's detail ("delegated responder CN=...")
 * @param responder the URL it came from
 * @param uncheckedResponder the delegated responder certificate whose own revocation status is still to be checked
 *                           before the response may be believed (RFC 6960 4.2.2.2.1); absent once checked, for
 *                           CA-signed responses and for responders with id-pkix-ocsp-nocheck
 */
record VerifiedResponse(RevocationStatus status, Instant thisUpdate, Optional<Instant> nextUpdate,
                        Optional<RevokedEntry> revoked, String signer, URI responder,
                        Optional<X509Certificate> uncheckedResponder) {
    /**
     * How long a response without nextUpdate is used: RFC 6960 4.2.2.1 says newer information is always
     * available then, so it is not cached for long, but 5 minutes spares the responder a request per logon.
     */
    static final Duration WITHOUT_NEXT_UPDATE = Duration.ofMinutes(5);

    /** nextUpdate, or thisUpdate + 5 minutes when the responder gave none. */
    Instant expires() {
        return nextUpdate.orElse(thisUpdate.plus(WITHOUT_NEXT_UPDATE));
    }

    /** Whether it is current at {@code now} (RFC 6960 4.2.2.1: nextUpdate, when present, must not have passed). */
    boolean current(Instant now) {
        return !now.isAfter(expires());
    }

    /** The same response once its delegated responder's certificate was found good, saying how. */
    VerifiedResponse responderChecked(String how) {
        return new VerifiedResponse(status, thisUpdate, nextUpdate, revoked, signer + "; " + how, responder,
                Optional.empty());
    }

    SourceAnswer answer(String detail, boolean grace) {
        return new SourceAnswer(OcspSource.KIND, responder.toString(), status, Optional.of(thisUpdate), nextUpdate,
                grace, revoked, detail);
    }
}
