package dev.pkinitkdc.pkinit.cms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.asn1.Der;
import dev.pkinitkdc.pkinit.asn1.PkinitOids;
import dev.pkinitkdc.pkinit.cert.KeyPairs;
import dev.pkinitkdc.pkinit.kx.EcCurve;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/**
 * RFC 5652 5.3: a SignerInfo may name its certificate by subjectKeyIdentifier, and finding that certificate parses
 * the subjectKeyIdentifier extension of every certificate in the SignedData, all of them the client's bytes.
 */
class SignerCertificateLookupTest {
    @Test
    void aCertificateWithAnIllFormedSubjectKeyIdentifierIsAnInvalidCertificate() throws Exception {
        KeyPair key = KeyPairs.ec(EcCurve.P256);
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
        // the extension's OCTET STRING holds an OCTET STRING whose length (0x45) runs past its 3 content octets
        byte[] illFormedSki = {0x04, 0x45, 0x01, 0x02, 0x03};
        X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(new X500Name("CN=ill-formed SKI"),
                BigInteger.ONE, new Date(), new Date(System.currentTimeMillis() + 86_400_000L),
                new X500Name("CN=ill-formed SKI"), key.getPublic())
                .addExtension(new Extension(Extension.subjectKeyIdentifier, false, illFormedSki))
                .build(signer);
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(new SignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(signer, new byte[] {1, 2, 3}));
        gen.addCertificate(certificate);
        byte[] signedData = Der.encode(gen.generate(new CMSProcessableByteArray(PkinitOids.AUTH_DATA,
                "authpack".getBytes(StandardCharsets.US_ASCII)), true).toASN1Structure());

        KdcFailure f = assertThrows(KdcFailure.class, () -> CmsVerifier.verify(signedData, PkinitOids.AUTH_DATA,
                SignatureVerification.JAVA, SignedDataPolicy.defaults()));
        assertEquals(FailureReason.CERTIFICATE_INVALID, f.reason(), f.text());
    }
}
