package dev.pkinitkdc.revocation.ocsp;

import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.http.HttpFetch;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one OCSP request by HTTP POST (RFC 6960 A.1.1) and verifies the answer, including a delegated
 * responder's own revocation status (RFC 6960 4.2.2.2.1, {@link DelegatedResponderStatus}); every failure becomes a
 * {@link FetchOutcome.Failed}, logged once and counted, so the future never completes exceptionally.
 */
final class OcspClient {
    static final String REQUEST_TYPE = "application/ocsp-request";
    private static final Logger LOG = LoggerFactory.getLogger(OcspClient.class);

    private final HttpFetch http;
    private final boolean nonce;
    private final Clock clock;
    private final RevocationCounters counters;
    private final Executor verification;
    private final DelegatedResponderStatus responders;

    OcspClient(HttpFetch http, boolean nonce, Clock clock, RevocationCounters counters, Executor verification,
               DelegatedResponderStatus responders) {
        this.http = http;
        this.nonce = nonce;
        this.clock = clock;
        this.counters = counters;
        this.verification = verification;
        this.responders = responders;
    }

    CompletableFuture<FetchOutcome> fetch(URI responder, CertificateToCheck certificate) {
        OcspRequest request = OcspRequest.of(CertId.requestId(certificate), nonce);
        counters.ocspFetches.incrementAndGet();
        // verified on our executor: the HTTP client's timeout fires on a JDK timer thread that must stay free
        return http.post(responder, REQUEST_TYPE, request.der())
                .handleAsync((body, failure) -> failure != null
                        ? failed(responder, request, RevocationStatus.UNAVAILABLE, http.describe(failure))
                        : verify(responder, request, certificate, body), verification)
                .thenCompose(outcome -> outcome instanceof FetchOutcome.Verified verified
                        ? responders.checked(verified.response(), certificate.issuer())
                                .thenApply(checked -> checked instanceof FetchOutcome.Failed refused
                                        ? failed(responder, request, refused.status(), refused.detail()) : checked)
                        : CompletableFuture.completedFuture(outcome));
    }

    private FetchOutcome verify(URI responder, OcspRequest request, CertificateToCheck certificate, byte[] body) {
        try {
            return new FetchOutcome.Verified(OcspResponseVerifier.verify(body, request, certificate.issuer(),
                    responder, clock.instant()));
        } catch (UnusableResponseException e) {
            return failed(responder, request, e.status(), e.getMessage());
        } catch (RuntimeException e) {
            return failed(responder, request, RevocationStatus.UNAVAILABLE, "unusable OCSP response: " + e);
        }
    }

    private FetchOutcome failed(URI responder, OcspRequest request, RevocationStatus status, String detail) {
        counters.ocspFetchFailures.incrementAndGet();
        LOG.warn("OCSP request for {} to {} failed: {}", CertId.of(request.certificateId()), responder, detail);
        return new FetchOutcome.Failed(responder, status, detail);
    }
}
