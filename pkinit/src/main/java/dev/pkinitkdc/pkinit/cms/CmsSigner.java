package dev.pkinitkdc.pkinit.cms;

import dev.pkinitkdc.pkinit.asn1.Der;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.CollectionStore;

/**
 * Produces the SignedData of RFC 4556 3.2.1 (client: id-pkinit-authData) and 3.2.3.1 (KDC: id-pkinit-DHKeyData):
 * one SignerInfo with signed attributes (contentType, messageDigest, RFC 5652 5.3), the signer certificate and its
 * chain in {@code certificates}, wrapped in a ContentInfo, DER-encoded. The signature is made by Bouncy Castle, or
 * by the native provider when the key is one of its own ({@link NativeCrypto#nativeKey}).
 */
public final class CmsSigner {
    private static final int MAX_HOLDERS = 64;
    private static final Map<X509Certificate, X509CertificateHolder> HOLDERS = new ConcurrentHashMap<>();
    private CmsSigner() {
    }

    public static byte[] sign(ASN1ObjectIdentifier eContentType, byte[] content, PrivateKey key,
                              X509Certificate certificate, List<X509Certificate> chain) {
        return sign(eContentType, content, key, certificate, chain, signatureAlgorithm(key), true);
    }

    /**
     * @param signatureAlgorithm a JCA name such as {@code SHA256withRSA}; its digest is also the digestAlgorithm
     * @param signedAttributes false leaves signedAttrs out (a direct signature over the content, RFC 5652 5.4),
     *        which RFC 5652 5.3 forbids for any eContentType but id-data: only tests of a KDC's refusal want it
     */
    public static byte[] sign(ASN1ObjectIdentifier eContentType, byte[] content, PrivateKey key,
                              X509Certificate certificate, List<X509Certificate> chain, String signatureAlgorithm,
                              boolean signedAttributes) {
        try {
            List<X509CertificateHolder> certs = new ArrayList<>();
            certs.add(holder(certificate));
            for (X509Certificate c : chain) {
                certs.add(holder(c));
            }
            var signer = new JcaContentSignerBuilder(signatureAlgorithm)
                    .setProvider(NativeCrypto.ownerOf(key).orElse(BcProvider.INSTANCE)).build(key);
            var digests = new JcaDigestCalculatorProviderBuilder().setProvider(BcProvider.INSTANCE).build();
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(digests)
                    .setDirectSignature(!signedAttributes).build(signer, certs.get(0)));
            gen.addCertificates(new CollectionStore<>(certs));
            var signed = gen.generate(new CMSProcessableByteArray(eContentType, content), true);
            return Der.encode(signed.toASN1Structure());
        } catch (OperatorCreationException | CMSException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign " + eContentType + ": " + e.getMessage(), e);
        }
    }

    /**
     * Bouncy Castle's form of a certificate, parsed once per certificate rather than per signature (the KDC signs
     * every reply with the same few); the cache forgets everything when it grows past a handful, e.g. after many
     * certificate reloads or in a client signing with many identities.
     */
    private static X509CertificateHolder holder(X509Certificate certificate) throws GeneralSecurityException {
        X509CertificateHolder cached = HOLDERS.get(certificate);
        if (cached != null) {
            return cached;
        }
        if (HOLDERS.size() >= MAX_HOLDERS) {
            HOLDERS.clear();
        }
        X509CertificateHolder parsed = new JcaX509CertificateHolder(certificate);
        HOLDERS.put(certificate, parsed);
        return parsed;
    }

    /** sha256WithRSAEncryption for RSA keys, ecdsa-with-SHA256 for EC keys (RFC 4556 3.2.1, RFC 5349). */
    public static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException("unsupported signing key type " + key.getAlgorithm());
        };
    }
}
