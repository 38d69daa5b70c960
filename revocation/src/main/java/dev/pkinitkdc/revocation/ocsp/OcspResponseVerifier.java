package dev.pkinitkdc.revocation.ocsp;

import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.RevokedEntry;
import java.io.IOException;
import java.net.URI;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Checks an OCSPResponse against the request it answers (RFC 6960 3.2, 4.2): responseStatus, a basic response
 * signed by an authorized responder ({@link ResponderAuthorization}), the echoed nonce (RFC 8954), the
 * SingleResponse for the requested CertID and a thisUpdate that is not in the future. Whether nextUpdate has
 * passed is left to the caller, which may still use the response within grace.
 */
final class OcspResponseVerifier {
    /** How far thisUpdate may lie ahead of our clock (RFC 5019 4: clock skew between client and responder). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final String REASON_PREFIX = "CRLReason: ";

    private OcspResponseVerifier() {
    }

    static VerifiedResponse verify(byte[] der, OcspRequest request, X509Certificate issuer, URI responder,
                                   Instant now) throws UnusableResponseException {
        BasicOCSPResp basic = basicResponse(der);
        ResponderAuthorization.Signer signedBy = ResponderAuthorization.signer(basic, issuer, now);
        String signer = signedBy.description();
        Optional<X509Certificate> unchecked = signedBy.uncheckedResponder();
        checkNonce(basic, request);
        SingleResp single = singleResponse(basic, request, issuer);
        Instant thisUpdate = single.getThisUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))) {
            throw UnusableResponseException.unavailable("response thisUpdate " + thisUpdate
                    + " is more than " + CLOCK_SKEW.toMinutes() + " minutes in the future");
        }
        Optional<Instant> nextUpdate = Optional.ofNullable(single.getNextUpdate()).map(java.util.Date::toInstant);
        CertificateStatus status = single.getCertStatus();
        if (status == CertificateStatus.GOOD) {
            return new VerifiedResponse(RevocationStatus.GOOD, thisUpdate, nextUpdate, Optional.empty(), signer,
                    responder, unchecked);
        }
        if (status instanceof RevokedStatus revoked) {
            return new VerifiedResponse(RevocationStatus.REVOKED, thisUpdate, nextUpdate,
                    Optional.of(revokedEntry(revoked)), signer, responder, unchecked);
        }
        if (status instanceof UnknownStatus) {
            return new VerifiedResponse(RevocationStatus.UNKNOWN, thisUpdate, nextUpdate, Optional.empty(),
                    "responder does not know the certificate; " + signer, responder, unchecked);
        }
        throw UnusableResponseException.unavailable("response has an unrecognized certStatus");
    }

    /** RFC 6960 4.2.1 responseStatus and responseBytes of type id-pkix-ocsp-basic. */
    private static BasicOCSPResp basicResponse(byte[] der) throws UnusableResponseException {
        OCSPResp response;
        Object object;
        try {
            response = new OCSPResp(der);
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                throw notSuccessful(response.getStatus());
            }
            object = response.getResponseObject();
        } catch (IOException | OCSPException | RuntimeException e) {
            throw UnusableResponseException.unavailable("malformed OCSP response: " + e.getMessage());
        }
        if (object instanceof BasicOCSPResp basic) {
            return basic;
        }
        throw UnusableResponseException.unavailable("OCSP response is not of type id-pkix-ocsp-basic");
    }

    /** RFC 6960 2.3: only "unauthorized" says something about the certificate (this responder cannot answer). */
    private static UnusableResponseException notSuccessful(int status) {
        String name = switch (status) {
            case OCSPResp.MALFORMED_REQUEST -> "malformedRequest";
            case OCSPResp.INTERNAL_ERROR -> "internalError";
            case OCSPResp.TRY_LATER -> "tryLater";
            case OCSPResp.SIG_REQUIRED -> "sigRequired";
            case OCSPResp.UNAUTHORIZED -> "unauthorized";
            default -> "status " + status;
        };
        RevocationStatus mapped = status == OCSPResp.UNAUTHORIZED ? RevocationStatus.UNKNOWN
                : RevocationStatus.UNAVAILABLE;
        return new UnusableResponseException(mapped, "responder answered " + name);
    }

    /** RFC 8954 / RFC 6960 4.4.1: a nonce that was sent must come back unchanged. */
    private static void checkNonce(BasicOCSPResp basic, OcspRequest request) throws UnusableResponseException {
        if (request.nonce().isEmpty()) {
            return;
        }
        Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        ASN1OctetString value = echoed == null ? null : echoed.getExtnValue();
        if (!request.nonce().get().equals(value)) {
            throw UnusableResponseException.unavailable(echoed == null ? "response does not echo the request nonce"
                    : "response nonce differs from the request nonce");
        }
    }

    /** RFC 6960 4.2.2.3: the SingleResponse whose CertID is the requested one (hashed with its own algorithm). */
    private static SingleResp singleResponse(BasicOCSPResp basic, OcspRequest request, X509Certificate issuer)
            throws UnusableResponseException {
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            for (SingleResp single : basic.getResponses()) {
                if (single.getCertID().getSerialNumber().equals(request.certificateId().getSerialNumber())
                        && single.getCertID().matchesIssuer(issuerHolder, digests)) {
                    return single;
                }
            }
        } catch (OCSPException | OperatorCreationException | CertificateEncodingException e) {
            throw UnusableResponseException.unavailable("cannot match the response's CertIDs: " + e.getMessage());
        }
        throw UnusableResponseException.unavailable("response holds no SingleResponse for "
                + CertId.of(request.certificateId()));
    }

    /** RFC 6960 4.2.1 RevokedInfo; the reason name as RFC 5280 5.3.1 spells it, "unspecified" when absent. */
    private static RevokedEntry revokedEntry(RevokedStatus revoked) {
        String reason = "unspecified";
        if (revoked.hasRevocationReason()) {
            String text = CRLReason.lookup(revoked.getRevocationReason()).toString();
            reason = text.startsWith(REASON_PREFIX) ? text.substring(REASON_PREFIX.length()) : text;
        }
        return new RevokedEntry(revoked.getRevocationTime().toInstant(), reason);
    }
}
