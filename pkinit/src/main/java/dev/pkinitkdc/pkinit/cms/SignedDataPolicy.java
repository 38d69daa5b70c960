package dev.pkinitkdc.pkinit.cms;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.asn1.ExternalPrincipalIdentifiers;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.List;

/**
 * What the KDC accepts in a client's SignedData (RFC 4556 3.2.2), each checked before the work it protects: the
 * certificate bundle before any certificate is parsed, the signer's digest, signed attributes and key before the
 * signature is verified.
 *
 * @param maxCertificates most certificates in {@code certificates} (RFC 5652 5.1)
 * @param maxCertificateBytes most bytes all those certificates may take together
 * @param allowSha1 accept a signature whose digest is SHA-1 (old cards); MD2, MD4 and MD5 never
 * @param minRsaBits smallest RSA modulus of the signer's key
 */
public record SignedDataPolicy(int maxCertificates, long maxCertificateBytes, boolean allowSha1, int minRsaBits) {
    public static final int DEFAULT_MAX_CERTIFICATES = 10;
    public static final long DEFAULT_MAX_CERTIFICATE_BYTES = 64 * 1024;
    public static final int DEFAULT_MIN_RSA_BITS = 2048;

    /** 10 certificates, 64 KiB of them, SHA-256 or better, RSA keys of 2048 bits or more. */
    public static SignedDataPolicy defaults() {
        return new SignedDataPolicy(DEFAULT_MAX_CERTIFICATES, DEFAULT_MAX_CERTIFICATE_BYTES, false,
                DEFAULT_MIN_RSA_BITS);
    }

    /**
     * For a client checking its KDC's reply, which it trusts only after validating the KDC's chain: any bundle,
     * key size and SHA-1 (Windows Server 2012 and PKU2U sign with it); MD5 and unsigned attributes still never.
     */
    public static SignedDataPolicy kdcReply() {
        return new SignedDataPolicy(Integer.MAX_VALUE, Long.MAX_VALUE, true, 0);
    }

    public SignedDataPolicy withAllowSha1(boolean allow) {
        return new SignedDataPolicy(maxCertificates, maxCertificateBytes, allow, minRsaBits);
    }

    /** Refuses a bundle past either cap: KDC_ERR_PREAUTH_FAILED, before one certificate is parsed. */
    void checkBundle(CertificateBundle bundle) throws KdcFailure {
        if (bundle.count() > maxCertificates) {
            throw new KdcFailure(FailureReason.PREAUTH_FAILED, "SignedData carries " + bundle.count()
                    + " certificates, more than the " + maxCertificates + " accepted");
        }
        if (bundle.bytes() > maxCertificateBytes) {
            throw new KdcFailure(FailureReason.PREAUTH_FAILED, "SignedData carries " + bundle.bytes()
                    + " bytes of certificates, more than the " + maxCertificateBytes + " accepted");
        }
    }

    /**
     * RFC 8636 3 and Windows' PKINIT hash policy: a broken or (unless allowed) SHA-1 signature digest is
     * KDC_ERR_DIGEST_IN_SIGNED_DATA_NOT_ACCEPTED with TD-CMS-DIGEST-ALGORITHMS. RFC 5652 5.3: signedAttrs must be
     * present when the eContentType is not id-data (RFC 4556 3.2.1 repeats it), else KDC_ERR_INVALID_SIG.
     */
    void checkSignerInfo(SignerDigest digest, boolean hasSignedAttributes) throws KdcFailure {
        if (digest.broken() || digest.sha1() && !allowSha1) {
            throw new KdcFailure(FailureReason.DIGEST_NOT_ACCEPTED, "AuthPack signed with " + digest.name()
                    + (digest.sha1() ? " (SHA-1 not allowed)" : ""), SignerDigest.accepted(allowSha1), null);
        }
        if (!hasSignedAttributes) {
            throw new KdcFailure(FailureReason.SIGNATURE_INVALID,
                    "SignerInfo has no signed attributes (RFC 5652 5.3 requires them for id-pkinit-authData)");
        }
    }

    /**
     * A signer RSA key below {@code minRsaBits} is KDC_ERR_INVALID_CERTIFICATE with TD-INVALID-CERTIFICATES naming
     * it, as MIT's KDC answers when OpenSSL's security level refuses the key (X509_V_ERR_EE_KEY_TOO_SMALL).
     */
    void checkSignerKey(X509Certificate signer) throws KdcFailure {
        if (signer.getPublicKey() instanceof RSAKey rsa && rsa.getModulus().bitLength() < minRsaBits) {
            throw new KdcFailure(FailureReason.CERTIFICATE_INVALID, "the certificate's RSA key has "
                    + rsa.getModulus().bitLength() + " bits, fewer than the " + minRsaBits + " required",
                    ExternalPrincipalIdentifiers.invalidCertificates(List.of(signer)), null);
        }
    }
}
