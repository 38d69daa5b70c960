package dev.pkinitkdc.pkinit.cms;

import static dev.pkinitkdc.pkinit.testing.Prerequisites.nativeCryptoAsExpected;
import static dev.pkinitkdc.pkinit.testing.Prerequisites.require;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.asn1.Der;
import dev.pkinitkdc.pkinit.asn1.PkinitOids;
import dev.pkinitkdc.pkinit.client.ClientIdentity;
import dev.pkinitkdc.pkinit.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The native provider checks RSA PKCS#1 v1.5 and ECDSA AuthPack signatures, Bouncy Castle everything else, and both
 * ways a signature that verifies today still verifies and a tampered one is still refused.
 */
class SignatureVerificationTest {
    private static final TestPki pki = TestPki.shared();
    private static final byte[] CONTENT = "authpack".getBytes(StandardCharsets.US_ASCII);

    @BeforeAll
    static void nativeProviderLoads() {
        require(nativeCryptoAsExpected(), "the native provider is not expected here: " + NativeCrypto.loaded().reason());
    }

    private static byte[] signed(ClientIdentity id, String jcaAlgorithm) throws Exception {
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        var digests = new JcaDigestCalculatorProviderBuilder().setProvider(BcProvider.INSTANCE).build();
        var signer = new JcaContentSignerBuilder(jcaAlgorithm).setProvider(BcProvider.INSTANCE).build(id.privateKey());
        gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(digests)
                .build(signer, new JcaX509CertificateHolder(id.certificate())));
        gen.addCertificates(new JcaCertStore(List.of(id.certificate())));
        return Der.encode(gen.generate(new CMSProcessableByteArray(PkinitOids.AUTH_DATA, CONTENT), true)
                .toASN1Structure());
    }

    @ParameterizedTest
    @CsvSource({"rsa, SHA1withRSA, 1.2.840.113549.1.1.5, true", "rsa, SHA256withRSA, 1.2.840.113549.1.1.11, true",
        "rsa, SHA512withRSA, 1.2.840.113549.1.1.13, true", "ec, SHA256withECDSA, 1.2.840.10045.4.3.2, true",
        "ec, SHA384withECDSA, 1.2.840.10045.4.3.3, true", "rsa, SHA256withRSAandMGF1, 1.2.840.113549.1.1.10, false"})
    void bothWaysVerifyWhatVerifiesAndRefuseATamperedSignature(String key, String algorithm, String oid,
                                                              boolean nativeChecks) throws Exception {
        ClientIdentity id = key.equals("ec") ? pki.ecClient : pki.client;
        AlgorithmIdentifier algorithmId = new AlgorithmIdentifier(new ASN1ObjectIdentifier(oid));
        assertEquals(nativeChecks, SignatureVerification.NATIVE_FIRST.checksNatively(algorithmId), "native first");
        assertFalse(SignatureVerification.JAVA.checksNatively(algorithmId), "JAVA never uses native code");
        byte[] good = signed(id, algorithm);
        byte[] tampered = good.clone();
        tampered[tampered.length - 1] ^= 1;   // the SignedData ends with the only SignerInfo's signature value
        for (SignatureVerification way : SignatureVerification.values()) {
            assertArrayEquals(CONTENT, CmsVerifier.verify(good, PkinitOids.AUTH_DATA, way).content(), way.name());
            KdcFailure refused = assertThrows(KdcFailure.class,
                    () -> CmsVerifier.verify(tampered, PkinitOids.AUTH_DATA, way), way.name());
            assertEquals(FailureReason.SIGNATURE_INVALID, refused.reason(), way.name());
        }
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void choosesNativeOnlyWhenWantedAndLoaded(boolean wanted) {
        assertEquals(wanted ? SignatureVerification.NATIVE_FIRST : SignatureVerification.JAVA,
                SignatureVerification.choose(wanted));
        assertTrue(SignatureVerification.NATIVE_FIRST.checksNatively(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption)));
        assertTrue(SignatureVerification.NATIVE_FIRST.checksNatively(
                new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256)));
    }
}
