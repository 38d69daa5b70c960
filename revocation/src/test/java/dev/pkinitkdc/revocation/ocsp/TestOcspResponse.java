package dev.pkinitkdc.revocation.ocsp;

import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.revocation.CertificateToCheck;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * OCSP responses built with Bouncy Castle for the cases a real responder will not produce on demand (no nonce
 * echo, thisUpdate in the future, a stale response, error statuses). Defaults: GOOD, thisUpdate now, nextUpdate
 * in an hour, signer certificate included.
 */
final class TestOcspResponse {
    private final CertifiedKey signer;
    private CertificateID id;
    private CertificateStatus status = CertificateStatus.GOOD;
    private Instant thisUpdate = Instant.now();
    private Instant nextUpdate = thisUpdate.plusSeconds(3600);
    private Optional<ASN1OctetString> nonce = Optional.empty();
    private boolean includeSigner = true;

    private TestOcspResponse(CertifiedKey signer, CertificateID id) {
        this.signer = signer;
        this.id = id;
    }

    static TestOcspResponse about(CertificateToCheck certificate, CertifiedKey signer) {
        return new TestOcspResponse(signer, CertId.requestId(certificate));
    }

    /** An OCSPResponse with a responseStatus other than successful and no body (RFC 6960 4.2.1). */
    static byte[] unsuccessful(int responseStatus) {
        try {
            return new OCSPRespBuilder().build(responseStatus, null).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    TestOcspResponse forId(CertificateID otherId) {
        this.id = otherId;
        return this;
    }

    TestOcspResponse status(CertificateStatus certStatus) {
        this.status = certStatus;
        return this;
    }

    /** @param next {@code null} for no nextUpdate */
    TestOcspResponse validity(Instant current, Instant next) {
        this.thisUpdate = current;
        this.nextUpdate = next;
        return this;
    }

    /** @param extnValue the nonce extension's value to send back, as {@link OcspRequest#nonce()} holds it */
    TestOcspResponse nonce(ASN1OctetString extnValue) {
        this.nonce = Optional.of(extnValue);
        return this;
    }

    TestOcspResponse withoutSignerCertificate() {
        this.includeSigner = false;
        return this;
    }

    byte[] encoded() {
        try {
            X509CertificateHolder signerHolder = new JcaX509CertificateHolder(signer.certificate());
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(signerHolder.getSubject()));
            builder.addResponse(id, status, Date.from(thisUpdate), nextUpdate == null ? null : Date.from(nextUpdate),
                    null);
            if (nonce.isPresent()) {
                builder.setResponseExtensions(new Extensions(
                        new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, nonce.get())));
            }
            List<X509CertificateHolder> chain = new ArrayList<>();
            if (includeSigner) {
                chain.add(signerHolder);
            }
            var basic = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.privateKey()),
                    chain.toArray(X509CertificateHolder[]::new), Date.from(thisUpdate));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (CertificateEncodingException | OCSPException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a test OCSP response", e);
        }
    }
}
