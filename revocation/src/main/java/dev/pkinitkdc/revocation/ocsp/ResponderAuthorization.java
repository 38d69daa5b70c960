package dev.pkinitkdc.revocation.ocsp;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * RFC 6960 4.2.2.2: a response about a certificate is accepted only when signed by the CA that issued the
 * certificate, or by a delegated responder whose certificate is included in the response, was issued by that
 * same CA, is within its validity and carries id-kp-OCSPSigning. (Locally configured trusted responders, the
 * third case of 4.2.2.2, are not supported.) The signer is found by signature, so the ResponderID needs no trust.
 */
final class ResponderAuthorization {
    private static final String OCSP_SIGNING = KeyPurposeId.id_kp_OCSPSigning.getId();

    private ResponderAuthorization() {
    }

    /**
     * Who signed a response.
     *
     * @param description a short phrase for the answer's detail
     * @param uncheckedResponder the delegated responder certificate whose own revocation status must still be
     *                           checked (RFC 6960 4.2.2.2.1), absent when the CA signed or the certificate carries
     *                           id-pkix-ocsp-nocheck
     */
    record Signer(String description, Optional<X509Certificate> uncheckedResponder) {
    }

    /**
     * Who signed {@code response}.
     *
     * @throws UnusableResponseException (UNAVAILABLE) if nobody authorized signed it
     */
    static Signer signer(BasicOCSPResp response, X509Certificate issuer, Instant now)
            throws UnusableResponseException {
        if (signedWith(response, issuer.getPublicKey())) {
            return new Signer("signed by the issuing CA", Optional.empty());
        }
        for (X509CertificateHolder holder : response.getCerts()) {
            Optional<X509Certificate> candidate = convert(holder);
            if (candidate.isPresent() && signedWith(response, candidate.get().getPublicKey())) {
                return delegated(candidate.get(), issuer, now);
            }
        }
        throw UnusableResponseException.unavailable("response signature verifies neither with the issuing CA "
                + name(issuer) + " nor with a responder certificate included in the response");
    }

    /** RFC 6960 4.2.2.2 conditions on a delegated responder certificate, and 4.2.2.2.1 id-pkix-ocsp-nocheck. */
    private static Signer delegated(X509Certificate responder, X509Certificate issuer, Instant now)
            throws UnusableResponseException {
        String who = "delegated responder " + name(responder);
        if (!issuedBy(responder, issuer)) {
            throw unauthorized(responder, "not issued by " + name(issuer));
        }
        if (now.isBefore(responder.getNotBefore().toInstant()) || now.isAfter(responder.getNotAfter().toInstant())) {
            throw unauthorized(responder, "outside its validity " + responder.getNotBefore().toInstant() + " .. "
                    + responder.getNotAfter().toInstant());
        }
        if (!extendedKeyUsages(responder).contains(OCSP_SIGNING)) {
            throw unauthorized(responder, "no id-kp-OCSPSigning extended key usage");
        }
        if (responder.getExtensionValue(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck.getId()) != null) {
            return new Signer(who + " (id-pkix-ocsp-nocheck)", Optional.empty());
        }
        // its own status is checked afterwards, by its CRL distribution points (DelegatedResponderStatus)
        return new Signer(who, Optional.of(responder));
    }

    private static UnusableResponseException unauthorized(X509Certificate responder, String why) {
        return UnusableResponseException.unavailable("response signed by an unauthorized responder "
                + name(responder) + ": " + why);
    }

    private static boolean issuedBy(X509Certificate responder, X509Certificate issuer) {
        if (!responder.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            responder.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<String> extendedKeyUsages(X509Certificate certificate) {
        try {
            return Optional.ofNullable(certificate.getExtendedKeyUsage()).orElse(List.of());
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static boolean signedWith(BasicOCSPResp response, PublicKey key) {
        try {
            return response.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (OCSPException | OperatorCreationException | RuntimeException e) {
            // a key of another type, or an algorithm the key cannot do: not this signer
            return false;
        }
    }

    private static Optional<X509Certificate> convert(X509CertificateHolder holder) {
        try {
            return Optional.of(new JcaX509CertificateConverter().getCertificate(holder));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    static String name(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
