package dev.pkinitkdc.revocation.ocsp;

import dev.pkinitkdc.revocation.GracePeriod;
import dev.pkinitkdc.revocation.http.HttpLimits;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the OCSP source behaves (RFC 6960).
 *
 * @param responder a responder that overrides the certificates' AIA id-ad-ocsp URL, if configured
 * @param timeout the bound on one request, connect to last byte
 * @param grace how long a response stays usable after its nextUpdate
 * @param nonce whether requests carry a nonce (RFC 8954) that the response must echo
 * @param maxAge without a nonce, how long after its thisUpdate a response may be used, grace or not
 * @param http redirects and per-origin limit, shared with the CRL source
 */
public record OcspOptions(Optional<URI> responder, Duration timeout, GracePeriod grace, boolean nonce,
                          Duration maxAge, HttpLimits http) {
    /** Windows lets the operator choose; a week bounds the replay of a nonce-less "good". */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

    public OcspOptions {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the OCSP maximum age must be more than 0: " + maxAge);
        }
        Objects.requireNonNull(http);
    }

    /** With the default maximum age and {@link HttpLimits#defaults()}. */
    public OcspOptions(Optional<URI> responder, Duration timeout, GracePeriod grace, boolean nonce) {
        this(responder, timeout, grace, nonce, DEFAULT_MAX_AGE, HttpLimits.defaults());
    }

    /** With {@link HttpLimits#defaults()}. */
    public OcspOptions(Optional<URI> responder, Duration timeout, GracePeriod grace, boolean nonce,
                       Duration maxAge) {
        this(responder, timeout, grace, nonce, maxAge, HttpLimits.defaults());
    }
}
