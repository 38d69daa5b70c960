package dev.pkinitkdc.kdc.tool.labpki;

import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The lab's OCSP responder (RFC 6960): responses signed by the issuing CA itself (4.2.2.2, no delegated
 * responder), {@code good} or {@code revoked} with the reason for certificates it issued, {@code unknown} for a
 * CertID naming another issuer; the request's nonce, if any, echoed (RFC 8954). Each response is valid for an hour.
 */
public final class LabOcspResponder {
    static final Duration VALIDITY = Duration.ofHours(1);

    private final CertifiedKey issuing;
    private final X509CertificateHolder issuingHolder;
    private final Path revokedSerials;
    private final Clock clock;
    private final DigestCalculatorProvider digests;

    public LabOcspResponder(CertifiedKey issuing, Path revokedSerials) {
        this(issuing, revokedSerials, Clock.systemUTC());
    }

    LabOcspResponder(CertifiedKey issuing, Path revokedSerials, Clock clock) {
        this.issuing = issuing;
        this.revokedSerials = revokedSerials;
        this.clock = clock;
        try {
            this.issuingHolder = new JcaX509CertificateHolder(issuing.certificate());
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (CertificateEncodingException | OperatorCreationException e) {
            throw new IllegalStateException("cannot set up the lab OCSP responder", e);
        }
    }

    /** The DER OCSPResponse for a DER OCSPRequest; malformedRequest (RFC 6960 4.2.1) if it does not parse. */
    public byte[] respond(byte[] requestDer) throws IOException {
        OCSPReq request;
        try {
            request = new OCSPReq(requestDer);
        } catch (IOException | RuntimeException e) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        try {
            Map<BigInteger, RevokedSerials.Entry> revoked = RevokedSerials.read(revokedSerials);
            Instant now = clock.instant();
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(issuingHolder.getSubject()));
            for (Req one : request.getRequestList()) {
                CertificateID id = one.getCertID();
                builder.addResponse(id, statusOf(id, revoked), Date.from(now), Date.from(now.plus(VALIDITY)), null);
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            }
            var signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuing.privateKey());
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL,
                    builder.build(signer, new X509CertificateHolder[0], Date.from(now))).getEncoded();
        } catch (OCSPException | OperatorCreationException e) {
            return status(OCSPRespBuilder.INTERNAL_ERROR);
        }
    }

    /** null is {@code good} in BC's API. */
    private CertificateStatus statusOf(CertificateID id, Map<BigInteger, RevokedSerials.Entry> revoked)
            throws OCSPException {
        if (!id.matchesIssuer(issuingHolder, digests)) {
            return new UnknownStatus();
        }
        RevokedSerials.Entry entry = revoked.get(id.getSerialNumber());
        return entry == null ? CertificateStatus.GOOD
                : new RevokedStatus(Date.from(entry.revoked()), entry.reason());
    }

    private static byte[] status(int status) throws IOException {
        try {
            OCSPResp resp = new OCSPRespBuilder().build(status, null);
            return resp.getEncoded();
        } catch (OCSPException e) {
            throw new IOException(e);
        }
    }
}
