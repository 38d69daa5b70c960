package dev.pkinitkdc.pkinit.cms;

import java.security.PublicKey;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/**
 * Names the signature algorithm of a SignerInfo from the signer certificate's actual key, not from the label alone.
 *
 * <p>MIT krb5 1.20 signs the AuthPack with an ECDSA key yet labels the SignerInfo's signatureAlgorithm
 * sha256WithRSAEncryption (its OpenSSL CMS code writes the RSA OID whatever the key). The label's key type is
 * therefore not trusted: when the certificate's key is EC and the label is an RSA PKCS #1 one, the signature is
 * verified as ECDSA with the SignerInfo's digestAlgorithm. Every other combination keeps Bouncy Castle's reading
 * (which already takes plain rsaEncryption with the digestAlgorithm's hash, as Windows labels RSA), so an RSA key
 * under an ECDSA label still fails: the label may be wrong about the key type only in the one way MIT gets it wrong.
 */
final class SignerKeyAlgorithmNames implements CMSSignatureAlgorithmNameGenerator {
    private static final Set<ASN1ObjectIdentifier> RSA_PKCS1_LABELS = Set.of(
            PKCSObjectIdentifiers.rsaEncryption,
            PKCSObjectIdentifiers.sha1WithRSAEncryption,
            PKCSObjectIdentifiers.sha224WithRSAEncryption,
            PKCSObjectIdentifiers.sha256WithRSAEncryption,
            PKCSObjectIdentifiers.sha384WithRSAEncryption,
            PKCSObjectIdentifiers.sha512WithRSAEncryption);

    private final PublicKey signerKey;
    // built once: its constructor fills large tables, and it only reads them afterwards
    private static final CMSSignatureAlgorithmNameGenerator LABELS = new DefaultCMSSignatureAlgorithmNameGenerator();

    SignerKeyAlgorithmNames(PublicKey signerKey) {
        this.signerKey = signerKey;
    }

    @Override
    public String getSignatureName(AlgorithmIdentifier digestAlg, AlgorithmIdentifier encryptionAlg) {
        if (isEc(signerKey) && RSA_PKCS1_LABELS.contains(encryptionAlg.getAlgorithm())) {
            // MIT 1.20: an ECDSA signature labelled with an RSA OID
            String digest = new DefaultAlgorithmNameFinder().getAlgorithmName(digestAlg).replace("-", "");
            return digest + "WITHECDSA";
        }
        return LABELS.getSignatureName(digestAlg, encryptionAlg);
    }

    static boolean isEc(PublicKey key) {
        return "EC".equals(key.getAlgorithm()) || "ECDSA".equals(key.getAlgorithm());
    }
}
