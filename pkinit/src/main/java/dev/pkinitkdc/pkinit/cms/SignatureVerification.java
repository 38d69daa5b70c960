package dev.pkinitkdc.pkinit.cms;

import java.security.PublicKey;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Who checks a SignerInfo's signature value (RFC 5652 5.6) with the signer's public key: Bouncy Castle's Java code,
 * or the native provider ({@link NativeCrypto}) for RSA PKCS#1 v1.5 and ECDSA with SHA-1/SHA-2 (about a fifth of
 * the cost of an RSA-2048 check here), with Bouncy Castle for every other algorithm (RSASSA-PSS, ...) and whenever
 * the native provider cannot make a verifier.
 */
public enum SignatureVerification {
    JAVA,
    NATIVE_FIRST;

    /** Signature algorithms (RFC 4055 / RFC 5758 identifiers) the native provider checks. */
    private static final Set<ASN1ObjectIdentifier> NATIVE_ALGORITHMS = Set.of(
            PKCSObjectIdentifiers.sha1WithRSAEncryption, PKCSObjectIdentifiers.sha256WithRSAEncryption,
            PKCSObjectIdentifiers.sha384WithRSAEncryption, PKCSObjectIdentifiers.sha512WithRSAEncryption,
            X9ObjectIdentifiers.ecdsa_with_SHA1, X9ObjectIdentifiers.ecdsa_with_SHA256,
            X9ObjectIdentifiers.ecdsa_with_SHA384, X9ObjectIdentifiers.ecdsa_with_SHA512);

    /** {@link #NATIVE_FIRST} when native code is wanted and the native provider loaded, else {@link #JAVA}. */
    public static SignatureVerification choose(boolean nativeWanted) {
        return nativeWanted && NativeCrypto.loaded().provider().isPresent() ? NATIVE_FIRST : JAVA;
    }

    /** Whether a signature of this algorithm goes to the native provider first. */
    boolean checksNatively(AlgorithmIdentifier algorithm) {
        return this == NATIVE_FIRST && NativeCrypto.loaded().provider().isPresent()
                && NATIVE_ALGORITHMS.contains(algorithm.getAlgorithm());
    }

    ContentVerifierProvider verifiers(PublicKey key) throws OperatorCreationException {
        ContentVerifierProvider java = new JcaContentVerifierProviderBuilder().setProvider(BcProvider.INSTANCE)
                .build(key);
        if (this == JAVA || NativeCrypto.loaded().provider().isEmpty()) {
            return java;
        }
        ContentVerifierProvider nativeCode = new JcaContentVerifierProviderBuilder()
                .setProvider(NativeCrypto.loaded().provider().get()).build(key);
        return new ContentVerifierProvider() {
            @Override
            public boolean hasAssociatedCertificate() {
                return false;
            }

            @Override
            public X509CertificateHolder getAssociatedCertificate() {
                return null;
            }

            @Override
            public ContentVerifier get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
                if (checksNatively(algorithm)) {
                    try {
                        return nativeCode.get(algorithm);
                    } catch (OperatorCreationException e) {
                        // e.g. a key type the native provider does not take: Bouncy Castle checks it
                    }
                }
                return java.get(algorithm);
            }
        };
    }
}
