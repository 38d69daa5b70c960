package dev.pkinitkdc.pkinit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding;
import dev.pkinitkdc.pkinit.asn1.PaPkAsReq;
import dev.pkinitkdc.pkinit.asn1.PkinitOids;
import dev.pkinitkdc.pkinit.cert.KeyPairs;
import dev.pkinitkdc.pkinit.client.AuthPackSigning;
import dev.pkinitkdc.pkinit.client.ClientIdentity;
import dev.pkinitkdc.pkinit.client.HostileEncodings;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import dev.pkinitkdc.pkinit.client.SignatureTamper;
import dev.pkinitkdc.pkinit.cms.SignedDataEncoding;
import dev.pkinitkdc.pkinit.cms.SignedDataPolicy;
import dev.pkinitkdc.pkinit.kx.EcCurve;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import dev.pkinitkdc.pkinit.testing.TestKdc;
import dev.pkinitkdc.pkinit.testing.TestPki;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or outdated client puts in its signed AuthPack (RFC 4556 3.2.1), sent through the project's own
 * client made to misbehave: oversized certificate bundles, weak signature digests, no signed attributes, a small
 * RSA key, BER and absurd nesting where RFC 4556 wants DER. Each is refused before the expensive work. And the
 * SignedData's structure (RFC 4556 3.2.1, RFC 5652 5): an eContentType other than id-pkinit-authData, more than one
 * SignerInfo, a signer certificate missing from {@code certificates}.
 */
class HostileAuthPackTest {
    private static final TestPki pki = TestPki.shared();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int DEEP = 100_000;

    private static PkinitClient client(AuthPackSigning signing) {
        return client(pki.client, signing);
    }

    private static PkinitClient client(ClientIdentity identity, AuthPackSigning signing) {
        return new PkinitClient(identity, List.of(pki.caCert), PkinitClientOptions.defaults(), Clock.systemUTC(),
                RANDOM).withSigning(signing);
    }

    private static TestKdc kdc(SignedDataPolicy signedData) {
        return new TestKdc(new Rfc4556PkinitServer(pki.kdc, PkinitPolicy.defaults().withSignedData(signedData),
                Clock.systemUTC(), RANDOM));
    }

    private static byte[] asReq(PkinitClient client) {
        return client.newAsReq(TestPki.ALICE, TestPki.REALM).encoded();
    }

    private static KdcFailure refused(PkinitClient client) {
        return refused(client, SignedDataPolicy.defaults());
    }

    private static KdcFailure refused(PkinitClient client, SignedDataPolicy policy) {
        byte[] request = asReq(client);
        return assertThrows(KdcFailure.class, () -> kdc(policy).verify(request));
    }

    /** Self-signed P-256 certificates: quick to make, and CmsVerifier never validates them. */
    private static List<X509Certificate> strangers(int n) {
        return IntStream.range(0, n).mapToObj(i -> CertificateBuilder.withKey("CN=stranger " + i,
                KeyPairs.ec(EcCurve.P256)).signatureAlgorithm("SHA256withECDSA").selfSigned().certificate()).toList();
    }

    @Test
    void elevenCertificatesArePreauthFailedBeforeAnyIsParsed() {
        KdcFailure f = refused(client(AuthPackSigning.standard().withExtraCertificates(strangers(10))));
        assertEquals(FailureReason.PREAUTH_FAILED, f.reason(), f.text());
        assertTrue(f.text().contains("11 certificates"), f.text());
    }

    @Test
    void tenCertificatesAreStillAccepted() throws Exception {
        byte[] request = asReq(client(AuthPackSigning.standard().withExtraCertificates(strangers(9))));
        assertEquals(10, kdc(SignedDataPolicy.defaults()).verify(request).certificates().size());
    }

    @Test
    void aMegabyteCertificateBundleIsPreauthFailed() {
        byte[] filler = new byte[1 << 20];
        X509Certificate big = CertificateBuilder.withKey("CN=big", KeyPairs.ec(EcCurve.P256))
                .extension(new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), false,
                        new DEROctetString(filler))).signatureAlgorithm("SHA256withECDSA").selfSigned().certificate();
        KdcFailure f = refused(client(AuthPackSigning.standard().withExtraCertificates(List.of(big))));
        assertEquals(FailureReason.PREAUTH_FAILED, f.reason(), f.text());
        assertTrue(f.text().contains("bytes of certificates"), f.text());
    }

    @Test
    void anMd5SignatureIsRefusedEvenWhenSha1IsAllowed() {
        KdcFailure f = refused(client(AuthPackSigning.standard().withSignatureAlgorithm("MD5withRSA")),
                SignedDataPolicy.defaults().withAllowSha1(true));
        assertEquals(FailureReason.DIGEST_NOT_ACCEPTED, f.reason(), f.text());
        assertNotNull(f.eData(), "TD-CMS-DIGEST-ALGORITHMS lists what is accepted (RFC 8636 3)");
    }

    @Test
    void aSha1SignatureIsRefusedByDefault() {
        KdcFailure f = refused(client(AuthPackSigning.standard().withSignatureAlgorithm("SHA1withRSA")));
        assertEquals(FailureReason.DIGEST_NOT_ACCEPTED, f.reason(), f.text());
        assertTrue(f.text().contains("SHA-1"), f.text());
    }

    @Test
    void aSha1SignatureIsAcceptedWhenAllowedForOldCards() throws Exception {
        byte[] request = asReq(client(AuthPackSigning.standard().withSignatureAlgorithm("SHA1withRSA")));
        assertNotNull(kdc(SignedDataPolicy.defaults().withAllowSha1(true)).verify(request));
    }

    @Test
    void theSha1PaChecksumOfRfc4556IsNotASignatureDigestAndStaysAccepted() throws Exception {
        // PkinitClient, like MIT kinit, sends paChecksum = SHA-1(KDC-REQ-BODY) and signs with SHA-256
        assertNotNull(kdc(SignedDataPolicy.defaults()).verify(asReq(client(AuthPackSigning.standard()))));
    }

    @Test
    void aSignerInfoWithoutSignedAttributesIsInvalidSig() {
        KdcFailure f = refused(client(AuthPackSigning.standard().withoutSignedAttributes()));
        assertEquals(FailureReason.SIGNATURE_INVALID, f.reason(), f.text());
        assertTrue(f.text().contains("signed attributes"), f.text());
    }

    @Test
    void anRsa1024SignerIsAnInvalidCertificate() {
        var weak = CertificateBuilder.withKey("CN=alice", KeyPairs.rsa(1024)).selfSigned();
        KdcFailure f = refused(client(new ClientIdentity(weak.privateKey(), weak.certificate(), List.of()),
                AuthPackSigning.standard()));
        assertEquals(FailureReason.CERTIFICATE_INVALID, f.reason(), f.text());
        assertTrue(f.text().contains("1024"), f.text());
        assertNotNull(f.eData(), "TD-INVALID-CERTIFICATES names the certificate");
    }

    /** The SignedData the client put in its PA-PK-AS-REQ. */
    private static SignedData signedAuthPack(byte[] request) {
        byte[] pa = KdcReqEncoding.paData(request).stream().filter(p -> p.type() == 16).findFirst().orElseThrow()
                .value();
        return SignedDataEncoding.signedData(PaPkAsReq.decode(pa).signedAuthPack());
    }

    @Test
    void anAuthPackSignedAsAnotherContentTypeIsPreauthFailed() throws Exception {
        // the KDC's own signed type (a KDCDHKeyInfo's, RFC 4556 3.2.3.1) and plain id-data, each validly signed
        for (ASN1ObjectIdentifier type : List.of(PkinitOids.DH_KEY_DATA, CMSObjectIdentifiers.data)) {
            byte[] request = asReq(client(AuthPackSigning.standard().withEContentType(type)));
            assertEquals(type, signedAuthPack(request).getEncapContentInfo().getContentType());
            KdcFailure f = assertThrows(KdcFailure.class, () -> kdc(SignedDataPolicy.defaults()).verify(request));
            assertEquals(FailureReason.PREAUTH_FAILED, f.reason(), f.text());
            assertTrue(f.text().contains("eContentType " + type), f.text());
        }
    }

    @Test
    void twoSignerInfosAreCantVerifyCertificateThoughBothSignaturesVerify() throws Exception {
        byte[] request = asReq(client(AuthPackSigning.standard()
                .withSignedDataRewrite(SignatureTamper.withSecondSigner(pki.ecClient))));
        // the fixture: two SignerInfos, each a valid signature by a certificate the CA issued
        CMSSignedData cms = new CMSSignedData(new ContentInfo(
                CMSObjectIdentifiers.signedData, signedAuthPack(request)));
        List<X509Certificate> signers = List.of(pki.client.certificate(), pki.ecClient.certificate());
        assertEquals(2, cms.getSignerInfos().size());
        for (SignerInformation si : cms.getSignerInfos()) {
            X509Certificate named = signers.stream().filter(c -> si.getSID().match(holder(c))).findFirst()
                    .orElseThrow();
            assertTrue(si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(named)), named.toString());
        }
        KdcFailure f = assertThrows(KdcFailure.class, () -> kdc(SignedDataPolicy.defaults()).verify(request));
        assertEquals(FailureReason.CANT_VERIFY_CERTIFICATE, f.reason(), f.text());
        assertTrue(f.text().contains("2 signers"), f.text());
    }

    @Test
    void aSignerCertificateMissingFromCertificatesIsCantVerifyCertificate() throws Exception {
        // alone (no certificates field at all), and beside certificates the sid does not name
        for (List<X509Certificate> others : List.of(List.<X509Certificate>of(), strangers(2))) {
            byte[] request = asReq(client(AuthPackSigning.standard().withExtraCertificates(others)
                    .withSignedDataRewrite(SignatureTamper.withoutCertificate(pki.client.certificate()))));
            SignedData sent = signedAuthPack(request);
            assertEquals(others.size(), sent.getCertificates() == null ? 0 : sent.getCertificates().size());
            KdcFailure f = assertThrows(KdcFailure.class, () -> kdc(SignedDataPolicy.defaults()).verify(request));
            assertEquals(FailureReason.CANT_VERIFY_CERTIFICATE, f.reason(), others.size() + ": " + f.text());
            assertTrue(f.text().contains("signer certificate not in SignedData"), f.text());
        }
    }

    private static X509CertificateHolder holder(X509Certificate c) {
        try {
            return new JcaX509CertificateHolder(c);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAuthPackWithAnIndefiniteLengthIsMalformed() {
        KdcFailure f = refused(client(AuthPackSigning.standard().withContentRewrite(HostileEncodings::outerIndefinite)));
        assertEquals(FailureReason.MALFORMED_REQUEST, f.reason(), f.text());
    }

    @Test
    void anAuthPackWithANonMinimalLengthIsMalformed() {
        KdcFailure f = refused(client(AuthPackSigning.standard()
                .withContentRewrite(HostileEncodings::outerLengthPadded)));
        assertEquals(FailureReason.MALFORMED_REQUEST, f.reason(), f.text());
    }

    @Test
    void aSignedAuthPackNestedAHundredThousandDeepIsMalformedNotAStackOverflow() {
        UnaryOperator<byte[]> deep = ignored -> HostileEncodings.nestedIndefinite(DEEP, 0x30);
        KdcFailure f = refused(client(AuthPackSigning.standard().withContentRewrite(deep)));
        assertEquals(FailureReason.MALFORMED_REQUEST, f.reason(), f.text());
    }

    @Test
    void aPaPkAsReqNestedAHundredThousandDeepIsMalformed() {
        for (byte[] deep : List.of(HostileEncodings.nestedIndefinite(DEEP, 0x30), HostileEncodings.nested(DEEP, 0x30),
                HostileEncodings.nestedIndefinite(DEEP, 0x24))) {
            KdcFailure f = assertThrows(KdcFailure.class, () -> server().verify(deep, new byte[] {0x30, 0}));
            assertEquals(FailureReason.MALFORMED_REQUEST, f.reason(), f.text());
        }
    }

    @Test
    void aSignedDataNestedAHundredThousandDeepIsMalformed() {
        for (byte[] deep : List.of(HostileEncodings.nestedIndefinite(DEEP, 0x30), HostileEncodings.nested(DEEP, 0x30))) {
            byte[] pa = new PaPkAsReq(deep, null, null).encode();
            KdcFailure f = assertThrows(KdcFailure.class, () -> server().verify(pa, new byte[] {0x30, 0}));
            assertEquals(FailureReason.MALFORMED_REQUEST, f.reason(), f.text());
        }
    }

    /**
     * A primitive element whose content looks like a TLV with a 5-octet length: the ContentInfo's {@code [0]}
     * made primitive (DecoderFuzzTest's crash-4a383bc0...), and a SignedData that is a primitive OCTET STRING. The
     * certificate-bundle count must not read that content as TLVs (it threw IllegalArgumentException, an
     * INTERNAL_ERROR with a stack trace per request).
     */
    @Test
    void aPrimitiveContentInfoOrSignedDataIsMalformed() {
        byte[] signedDataOid = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07, 0x02};
        byte[] primitiveContent = new byte[2 + signedDataOid.length + 6];
        primitiveContent[0] = 0x30;
        primitiveContent[1] = (byte) (signedDataOid.length + 6);
        System.arraycopy(signedDataOid, 0, primitiveContent, 2, signedDataOid.length);
        System.arraycopy(new byte[] {(byte) 0x80, 0x04, 0x30, 0x02, 0x02, (byte) 0x85}, 0, primitiveContent,
                2 + signedDataOid.length, 6);
        byte[] primitiveSignedData = {0x04, 0x02, 0x02, (byte) 0x85};
        for (byte[] signedData : List.of(primitiveContent, primitiveSignedData)) {
            byte[] pa = new PaPkAsReq(signedData, null, null).encode();
            KdcFailure f = assertThrows(KdcFailure.class, () -> server().verify(pa, new byte[] {0x30, 0}));
            assertEquals(FailureReason.MALFORMED_REQUEST, f.reason(), f.text());
        }
    }

    @Test
    void aBerSignedDataStaysAcceptedAsRfc5652Allows() throws Exception {
        byte[] request = asReq(client(AuthPackSigning.standard()));
        byte[] pa = KdcReqEncoding.paData(request).stream().filter(p -> p.type() == 16).findFirst().orElseThrow()
                .value();
        PaPkAsReq der = PaPkAsReq.decode(pa);
        byte[] ber = new PaPkAsReq(HostileEncodings.outerIndefinite(der.signedAuthPack()), null, null).encode();
        var nonce = org.apache.kerby.kerberos.kerb.KrbCodec.decode(request,
                org.apache.kerby.kerberos.kerb.type.kdc.AsReq.class).getReqBody().getNonce();
        assertNotNull(server().verify(ber, KdcReqEncoding.reqBody(request)));
    }

    private static Rfc4556PkinitServer server() {
        return new Rfc4556PkinitServer(pki.kdc, PkinitPolicy.defaults(), Clock.systemUTC(), RANDOM);
    }
}
