package dev.pkinitkdc.revocation.ocsp;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;

/**
 * An unsigned OCSPRequest (RFC 6960 4.1.1) for one CertID, optionally with a nonce (RFC 6960 4.4.1, RFC 8954).
 *
 * @param nonce the nonce extension's extnValue as sent, which the response must echo
 * @param der the DER encoding POSTed as application/ocsp-request (RFC 6960 A.1)
 */
record OcspRequest(CertificateID certificateId, Optional<ASN1OctetString> nonce, byte[] der) {
    /** RFC 8954 2.1: 1 to 32 octets; 32 leaves no room to guess. */
    static final int NONCE_OCTETS = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    static OcspRequest of(CertificateID id, boolean withNonce) {
        OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(id);
        Optional<ASN1OctetString> nonce = Optional.empty();
        try {
            if (withNonce) {
                byte[] value = new byte[NONCE_OCTETS];
                RANDOM.nextBytes(value);
                // extnValue is the DER of Nonce ::= OCTET STRING
                nonce = Optional.of(new DEROctetString(new DEROctetString(value).getEncoded()));
                builder.setRequestExtensions(new Extensions(
                        new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, nonce.get())));
            }
            return new OcspRequest(id, nonce, builder.build().getEncoded());
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException("cannot encode an OCSP request: " + e.getMessage(), e);
        }
    }
}
