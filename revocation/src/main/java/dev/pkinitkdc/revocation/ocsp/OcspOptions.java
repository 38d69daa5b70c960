package dev.pkinitkdc.revocation.ocsp;

import dev.pkinitkdc.revocation.GracePeriod;
import dev.pkinitkdc.revocation.http.HttpLimits;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How the OCSP source behaves (RFC 6960).
 *
 * @param responder a responder that overrides the certificates' AIA id-ad-ocsp URL, if configured
 * @param timeout the bound on one request, connect to last byte
 * @param grace how long a response stays usable after its nextUpdate
 * @param nonce whether requests carry a nonce (RFC 8954) that the response must echo
 * @param http redirects and per-origin limit, shared with the CRL source
 */
public record OcspOptions(Optional<URI> responder, Duration timeout, GracePeriod grace, boolean nonce,
                          HttpLimits http) {
    /** With {@link HttpLimits#defaults()}. */
    public OcspOptions(Optional<URI> responder, Duration timeout, GracePeriod grace, boolean nonce) {
        this(responder, timeout, grace, nonce, HttpLimits.defaults());
    }
}
