package dev.pkinitkdc.revocation.ocsp;

import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.http.HttpFetch;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * OCSP responses about the KDC's own certificate, for stapling (RFC 4557 3): asked of the responder in the
 * certificate's AIA (RFC 6960 A.1, without a nonce, since one response serves many replies, as in RFC 5019), or
 * read from a file; either way verified like any OCSP answer this KDC uses ({@link OcspResponseVerifier}).
 */
public final class OcspStapleSource {
    private final HttpFetch http;

    public OcspStapleSource(HttpFetch http) {
        this.http = http;
    }

    /** The responder the certificate names in its AIA id-ad-ocsp, if it names an http(s) one. */
    public static Optional<URI> responderOf(CertificateToCheck certificate) {
        return OcspResponderLocation.fromAia(certificate.certificate());
    }

    /** Asks {@code responder}; completes exceptionally with a one-line reason when there is no usable answer. */
    public CompletableFuture<OcspStaple> fetch(URI responder, CertificateToCheck certificate, Instant now) {
        OcspRequest request = OcspRequest.of(CertId.requestId(certificate), false);
        return http.post(responder, OcspClient.REQUEST_TYPE, request.der())
                .exceptionally(failure -> {
                    throw new IllegalStateException(http.describe(failure));
                })
                .thenApply(body -> verified(body, request, certificate, responder.toString(), now));
    }

    /** Verifies a response read from a file; IllegalArgumentException says why it cannot be used. */
    public static OcspStaple fromFile(byte[] der, CertificateToCheck certificate, String file, Instant now) {
        return verified(der, OcspRequest.of(CertId.requestId(certificate), false), certificate, file, now);
    }

    private static OcspStaple verified(byte[] der, OcspRequest request, CertificateToCheck certificate,
                                       String source, Instant now) {
        try {
            VerifiedResponse v = OcspResponseVerifier.verify(der, request, certificate.issuer(),
                    URI.create("urn:staple"), now);
            return new OcspStaple(der, v.status(), v.thisUpdate(), v.expires(), source);
        } catch (UnusableResponseException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
