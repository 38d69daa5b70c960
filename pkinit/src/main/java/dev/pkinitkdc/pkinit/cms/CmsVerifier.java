package dev.pkinitkdc.pkinit.cms;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.asn1.TlvScan;
import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Verifies a PKINIT SignedData (RFC 4556 3.2.2 for the AuthPack, 3.2.4 for the KDC's KDCDHKeyInfo) with the signer
 * certificate found in its own {@code certificates}. The certificate itself is not validated here.
 *
 * <p>Signature algorithm names come from Bouncy Castle's CMS mapping, which also accepts a signatureAlgorithm of
 * plain rsaEncryption and takes the hash from digestAlgorithm, as Windows DCs encode it; the key type is taken from
 * the signer certificate, not the label, so MIT 1.20's ECDSA signatures labelled sha256WithRSAEncryption verify
 * ({@link SignerKeyAlgorithmNames}).
 */
public final class CmsVerifier {
    private CmsVerifier() {
    }

    public static VerifiedSignedData verify(byte[] contentInfoOrSignedData, ASN1ObjectIdentifier expectedType)
            throws KdcFailure {
        return verify(contentInfoOrSignedData, expectedType, SignatureVerification.JAVA);
    }

    /** A KDC's reply, checked by a client ({@link SignedDataPolicy#kdcReply()}). */
    public static VerifiedSignedData verify(byte[] contentInfoOrSignedData, ASN1ObjectIdentifier expectedType,
                                            SignatureVerification verification) throws KdcFailure {
        return verify(contentInfoOrSignedData, expectedType, verification, SignedDataPolicy.kdcReply());
    }

    /**
     * @param verification who checks the signature value
     * @param policy the bundle, digest and key accepted, each checked before the work it bounds
     */
    public static VerifiedSignedData verify(byte[] contentInfoOrSignedData, ASN1ObjectIdentifier expectedType,
                                            SignatureVerification verification, SignedDataPolicy policy)
            throws KdcFailure {
        try {
            // RFC 5652 lets the SignedData be BER (only signedAttrs must be DER); bounded before BC recurses into it
            TlvScan.check(contentInfoOrSignedData, TlvScan.Limits.BER);
        } catch (IllegalArgumentException e) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, "malformed SignedData: " + e.getMessage(), e);
        }
        policy.checkBundle(CertificateBundle.of(contentInfoOrSignedData));
        CMSSignedData cms;
        try {
            cms = new CMSSignedData(SignedDataEncoding.contentInfo(contentInfoOrSignedData));
        } catch (RuntimeException | CMSException e) {
            // Bouncy Castle throws IllegalStateException and ClassCastException too (found by DecoderFuzzTest)
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, "malformed SignedData", e);
        }
        ASN1ObjectIdentifier type = cms.getSignedContentTypeOID() == null
                ? null : new ASN1ObjectIdentifier(cms.getSignedContentTypeOID());
        if (!expectedType.equals(type)) {
            throw new KdcFailure(FailureReason.PREAUTH_FAILED, "eContentType " + type + ", expected " + expectedType);
        }
        if (cms.getSignedContent() == null) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, "SignedData without eContent");
        }
        Collection<SignerInformation> signers;
        try {
            // parsed lazily, here: an ill-typed SignerInfo throws (found by DecoderFuzzTest)
            signers = cms.getSignerInfos().getSigners();
        } catch (RuntimeException e) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, "malformed SignerInfo", e);
        }
        if (signers.isEmpty()) {
            // RFC 8062 2: only anonymous PKINIT sends an unsigned SignedData; this KDC does not implement it, so
            // the request is not authenticated at all: KDC_ERR_PREAUTH_FAILED
            throw new KdcFailure(FailureReason.PREAUTH_FAILED,
                    "SignedData has no signerInfos: unsigned (anonymous, RFC 8062) PKINIT is not supported");
        }
        if (signers.size() != 1) {
            // RFC 4556 3.2.2: the certificate that signed is needed to verify; a multiply-signed SignedData has no
            // single signer certificate.
            throw new KdcFailure(FailureReason.CANT_VERIFY_CERTIFICATE,
                    "SignedData has " + signers.size() + " signers, expected 1");
        }
        SignerInformation signer = signers.iterator().next();
        SignerDigest digest;
        try {
            digest = SignerDigest.of(signer);
        } catch (RuntimeException e) {
            // Bouncy Castle throws ClassCastException and the like for ill-typed RSASSA-PSS parameters
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, "malformed SignerInfo algorithm parameters", e);
        }
        // the raw field: getSignedAttributes() parses the attributes, and throws on ill-formed ones (found by
        // DecoderFuzzTest); they are checked when the signature is verified
        policy.checkSignerInfo(digest, signer.toASN1Structure().getAuthenticatedAttributes() != null);
        Collection<X509CertificateHolder> holders = certificates(cms);
        X509CertificateHolder signerHolder = signerCertificate(signer, holders);
        List<X509Certificate> all = new ArrayList<>();
        X509Certificate signerCert = null;
        for (X509CertificateHolder h : holders) {
            X509Certificate c = toX509(h);
            all.add(c);
            if (h == signerHolder) {
                signerCert = c;
            }
        }
        policy.checkSignerKey(signerCert);
        boolean valid;
        try {
            // verify with the key alone: a verifier built from the certificate would also refuse an expired one
            // (at signingTime), reporting KDC_ERR_INVALID_SIG where RFC 4556 3.2.2 wants the validate stage's
            // KDC_ERR_INVALID_CERTIFICATE
            PublicKey key = signerCert.getPublicKey();
            valid = signer.verify(new SignerInformationVerifier(new SignerKeyAlgorithmNames(key),
                    new DefaultSignatureAlgorithmIdentifierFinder(),
                    verification.verifiers(key),
                    new JcaDigestCalculatorProviderBuilder().setProvider(BcProvider.INSTANCE).build()));
        } catch (OperatorCreationException e) {
            throw new KdcFailure(FailureReason.CANT_VERIFY_CERTIFICATE, "unusable signer certificate", e);
        } catch (CMSException | RuntimeException e) {
            throw new KdcFailure(FailureReason.SIGNATURE_INVALID, "SignedData signature does not verify", e);
        }
        if (!valid) {
            throw new KdcFailure(FailureReason.SIGNATURE_INVALID, "SignedData signature does not verify");
        }
        return new VerifiedSignedData(type, (byte[]) cms.getSignedContent().getContent(), signerCert, all);
    }

    /** RFC 5652 5.3: the certificate the SignerInfo's sid names (issuerAndSerialNumber or subjectKeyIdentifier). */
    private static X509CertificateHolder signerCertificate(SignerInformation signer,
                                                           Collection<X509CertificateHolder> holders)
            throws KdcFailure {
        for (X509CertificateHolder h : holders) {
            boolean named;
            try {
                named = signer.getSID().match(h);
            } catch (RuntimeException e) {
                // a subjectKeyIdentifier sid parses each certificate's subjectKeyIdentifier extension, and Bouncy
                // Castle throws IllegalArgumentException on an ill-formed one (found by DecoderFuzzTest)
                throw new KdcFailure(FailureReason.CERTIFICATE_INVALID,
                        "certificate in SignedData has an ill-formed subjectKeyIdentifier", e);
            }
            if (named) {
                return h;
            }
        }
        // RFC 4556 3.2.2: the client must include its certificate; without it the KDC cannot verify the signature,
        // KDC_ERR_CANT_VERIFY_CERTIFICATE.
        throw new KdcFailure(FailureReason.CANT_VERIFY_CERTIFICATE, "signer certificate not in SignedData");
    }

    @SuppressWarnings("unchecked")
    private static Collection<X509CertificateHolder> certificates(CMSSignedData cms) throws KdcFailure {
        try {
            return cms.getCertificates().getMatches(null);
        } catch (RuntimeException e) {
            // e.g. a certificate with a repeated extension (RFC 5280 4.2 forbids it; Windows P2P certificates do it),
            // or an ill-typed field, on which Bouncy Castle throws IllegalStateException (found by DecoderFuzzTest)
            throw new KdcFailure(FailureReason.CERTIFICATE_INVALID, "certificate in SignedData does not parse", e);
        }
    }

    static X509Certificate toX509(X509CertificateHolder holder) throws KdcFailure {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
        } catch (Exception e) {
            throw new KdcFailure(FailureReason.CERTIFICATE_INVALID, "certificate does not parse", e);
        }
    }
}
