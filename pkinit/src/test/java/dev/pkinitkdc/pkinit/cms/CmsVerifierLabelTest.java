package dev.pkinitkdc.pkinit.cms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.asn1.Der;
import dev.pkinitkdc.pkinit.asn1.PkinitOids;
import dev.pkinitkdc.pkinit.client.ClientIdentity;
import dev.pkinitkdc.pkinit.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/**
 * The SignerInfo's signatureAlgorithm label does not decide the key type: MIT 1.20 labels its ECDSA signatures
 * sha256WithRSAEncryption, and that verifies with the EC certificate; an RSA signature labelled ECDSA does not.
 */
class CmsVerifierLabelTest {
    private static final TestPki pki = TestPki.shared();
    private static final byte[] CONTENT = "authpack".getBytes(StandardCharsets.US_ASCII);

    /** A SignedData by {@code id} whose SignerInfo names {@code label} whatever the real signature algorithm. */
    private static byte[] signedWithLabel(ClientIdentity id, String jcaAlgorithm, ASN1ObjectIdentifier label)
            throws Exception {
        var digests = new JcaDigestCalculatorProviderBuilder().build();
        var signer = new JcaContentSignerBuilder(jcaAlgorithm).build(id.privateKey());
        var info = new SignerInfoGeneratorBuilder(digests, sigAlg -> new AlgorithmIdentifier(label))
                .build(signer, new JcaX509CertificateHolder(id.certificate()));
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(info);
        gen.addCertificates(new JcaCertStore(List.of(id.certificate())));
        return Der.encode(gen.generate(new CMSProcessableByteArray(PkinitOids.AUTH_DATA, CONTENT), true)
                .toASN1Structure());
    }

    @Test
    void anEcdsaSignatureLabelledSha256WithRsaVerifiesWithTheEcCertificate() throws Exception {
        byte[] signed = signedWithLabel(pki.ecClient, "SHA256withECDSA", PKCSObjectIdentifiers.sha256WithRSAEncryption);
        assertEquals(PKCSObjectIdentifiers.sha256WithRSAEncryption, SignerInfo.getInstance(
                SignedDataEncoding.signedData(signed).getSignerInfos().getObjectAt(0))
                .getDigestEncryptionAlgorithm().getAlgorithm());
        assertVerifiedBy(pki.ecClient, signed);
    }

    @Test
    void aTamperedMislabelledEcdsaSignatureStillFails() throws Exception {
        byte[] signed = dev.pkinitkdc.pkinit.client.SignatureTamper.flipSignatureBit(
                signedWithLabel(pki.ecClient, "SHA256withECDSA", PKCSObjectIdentifiers.sha256WithRSAEncryption));
        KdcFailure f = assertThrows(KdcFailure.class, () -> CmsVerifier.verify(signed, PkinitOids.AUTH_DATA));
        assertEquals(FailureReason.SIGNATURE_INVALID, f.reason());
    }

    @Test
    void anRsaSignatureLabelledEcdsaFails() throws Exception {
        byte[] signed = signedWithLabel(pki.client, "SHA256withRSA", X9ObjectIdentifiers.ecdsa_with_SHA256);
        KdcFailure f = assertThrows(KdcFailure.class, () -> CmsVerifier.verify(signed, PkinitOids.AUTH_DATA));
        assertEquals(FailureReason.SIGNATURE_INVALID, f.reason(), f.getMessage());
    }

    @Test
    void correctlyLabelledEcdsaAndRsaVerify() throws Exception {
        assertVerifiedBy(pki.ecClient, signedWithLabel(pki.ecClient, "SHA256withECDSA",
                X9ObjectIdentifiers.ecdsa_with_SHA256));
        assertVerifiedBy(pki.client, signedWithLabel(pki.client, "SHA256withRSA",
                PKCSObjectIdentifiers.sha256WithRSAEncryption));
    }

    @Test
    void anRsaSignatureLabelledPlainRsaEncryptionVerifiesAsWindowsLabelsIt() throws Exception {
        // Windows DCs and smart cards write signatureAlgorithm rsaEncryption; the hash is the digestAlgorithm's
        assertVerifiedBy(pki.client, signedWithLabel(pki.client, "SHA256withRSA",
                PKCSObjectIdentifiers.rsaEncryption));
    }

    /** The verified content is what was signed, and the signer is the identity's own certificate. */
    private static void assertVerifiedBy(ClientIdentity id, byte[] signed) throws KdcFailure {
        VerifiedSignedData verified = CmsVerifier.verify(signed, PkinitOids.AUTH_DATA);
        assertArrayEquals(CONTENT, verified.content());
        assertEquals(id.certificate(), verified.signer());
        assertEquals(PkinitOids.AUTH_DATA, verified.contentType());
    }
}
