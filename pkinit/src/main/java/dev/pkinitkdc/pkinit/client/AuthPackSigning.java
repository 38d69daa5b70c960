package dev.pkinitkdc.pkinit.client;

import dev.pkinitkdc.pkinit.asn1.PkinitOids;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * How the client signs its AuthPack (RFC 4556 3.2.1): by default as MIT kinit 1.20 does, SHA-256 with the signed
 * attributes of RFC 5652 5.3 and the client's own chain. Tests change it to play a hostile or outdated client.
 *
 * @param signatureAlgorithm JCA name, e.g. {@code SHA256withRSA}, {@code SHA1withRSA}, {@code MD5withRSA}; null: the
 *        default for the key (SHA-256)
 * @param signedAttributes false signs the content directly, without signedAttrs
 * @param extraCertificates added to the SignedData's certificates after the client's chain
 * @param contentRewrite applied to the AuthPack DER before it is signed (e.g. re-encoded with indefinite lengths)
 * @param eContentType the SignedData's eContentType (and signed contentType attribute): id-pkinit-authData unless a
 *        test signs the AuthPack as something else
 * @param signedDataRewrite applied to the signed ContentInfo (e.g. {@link SignatureTamper#withoutCertificate})
 */
public record AuthPackSigning(String signatureAlgorithm, boolean signedAttributes,
                              List<X509Certificate> extraCertificates, UnaryOperator<byte[]> contentRewrite,
                              ASN1ObjectIdentifier eContentType, UnaryOperator<byte[]> signedDataRewrite) {
    public AuthPackSigning {
        extraCertificates = List.copyOf(extraCertificates);
    }

    public static AuthPackSigning standard() {
        return new AuthPackSigning(null, true, List.of(), UnaryOperator.identity(), PkinitOids.AUTH_DATA,
                UnaryOperator.identity());
    }

    public AuthPackSigning withSignatureAlgorithm(String jcaName) {
        return new AuthPackSigning(jcaName, signedAttributes, extraCertificates, contentRewrite, eContentType,
                signedDataRewrite);
    }

    public AuthPackSigning withoutSignedAttributes() {
        return new AuthPackSigning(signatureAlgorithm, false, extraCertificates, contentRewrite, eContentType,
                signedDataRewrite);
    }

    public AuthPackSigning withExtraCertificates(List<X509Certificate> certificates) {
        return new AuthPackSigning(signatureAlgorithm, signedAttributes, certificates, contentRewrite, eContentType,
                signedDataRewrite);
    }

    /** Signs {@code rewrite(AuthPack DER)} instead of the AuthPack DER. */
    public AuthPackSigning withContentRewrite(UnaryOperator<byte[]> rewrite) {
        return new AuthPackSigning(signatureAlgorithm, signedAttributes, extraCertificates, rewrite, eContentType,
                signedDataRewrite);
    }

    /** Signs the AuthPack as {@code type} (e.g. id-data, or the KDC's id-pkinit-DHKeyData). */
    public AuthPackSigning withEContentType(ASN1ObjectIdentifier type) {
        return new AuthPackSigning(signatureAlgorithm, signedAttributes, extraCertificates, contentRewrite, type,
                signedDataRewrite);
    }

    /** Sends {@code rewrite(signed ContentInfo)} instead of the signed ContentInfo. */
    public AuthPackSigning withSignedDataRewrite(UnaryOperator<byte[]> rewrite) {
        return new AuthPackSigning(signatureAlgorithm, signedAttributes, extraCertificates, contentRewrite,
                eContentType, rewrite);
    }
}
