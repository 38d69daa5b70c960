package dev.pkinitkdc.pkinit.captures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.KdcIdentity;
import dev.pkinitkdc.pkinit.asn1.AuthPack;
import dev.pkinitkdc.pkinit.asn1.DhPublicValue;
import dev.pkinitkdc.pkinit.asn1.KdcDhKeyInfo;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding;
import dev.pkinitkdc.pkinit.asn1.PaPkAsRep;
import dev.pkinitkdc.pkinit.asn1.PaPkAsReq;
import dev.pkinitkdc.pkinit.asn1.PkinitOids;
import dev.pkinitkdc.pkinit.cms.CmsVerifier;
import dev.pkinitkdc.pkinit.cms.SignedDataEncoding;
import dev.pkinitkdc.pkinit.cms.SignedDataPolicy;
import dev.pkinitkdc.pkinit.kdf.Rfc8636Kdf;
import dev.pkinitkdc.pkinit.kx.ModpGroup;
import dev.pkinitkdc.pkinit.server.KeyExchangePolicy;
import dev.pkinitkdc.pkinit.server.PkinitPolicy;
import dev.pkinitkdc.pkinit.server.Rfc4556PkinitServer;
import dev.pkinitkdc.pkinit.server.VerifiedPkAsReq;
import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real PKINIT messages (README.md of the capture folder) decode, and their signatures and checksums verify. */
class CaptureDecodeTest {

    private static AuthPack authPackOf(byte[] paPkAsReq) {
        return AuthPack.decode(SignedDataEncoding.eContent(PaPkAsReq.decode(paPkAsReq).signedAuthPack()));
    }

    private static byte[] paPkAsReqOfAsReq(byte[] asReq) {
        return KdcReqEncoding.paData(asReq).stream().filter(p -> p.type() == 16).findFirst().orElseThrow().value();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "kerberos-net-pkinittests/kerberosnet-client.pa-pk-as-req.hex, MODP2, true",
            "metasploit-spec/msf-client.pa-pk-as-req.hex, MODP2, true",
            "picky-rs-pku2u/win10-pku2u-client.pa-pk-as-req.hex, MODP2, true"})
    void paPkAsReqDecodesIdentifiesItsGroupAndItsSignatureVerifies(String file, ModpGroup group, boolean dhNonce)
            throws Exception {
        byte[] pa = Captures.hex(file);
        AuthPack authPack = authPackOf(pa);
        DhPublicValue dh = DhPublicValue.decode(authPack.clientPublicValue());
        assertEquals(group, ModpGroup.identify(dh.parameters().p(), dh.parameters().g()).orElseThrow());
        assertEquals(dhNonce, authPack.clientDhNonce() != null && authPack.clientDhNonce().length == 32);
        assertNotNull(authPack.pkAuthenticator().paChecksum());
        var verified = CmsVerifier.verify(PaPkAsReq.decode(pa).signedAuthPack(), PkinitOids.AUTH_DATA);
        assertNotNull(verified.signer());
    }

    @Test
    void metasploitDhQEncodedAsZeroIsReadAsAbsent() throws Exception {
        var dh = DhPublicValue.decode(authPackOf(Captures.hex("metasploit-spec/msf-client.pa-pk-as-req.hex"))
                .clientPublicValue());
        assertNull(dh.parameters().q());
    }

    @Test
    void pku2uSignedAuthPackIsABareSignedData() throws Exception {
        byte[] signed = PaPkAsReq.decode(Captures.hex("picky-rs-pku2u/win10-pku2u-client.pa-pk-as-req.hex"))
                .signedAuthPack();
        // a bare SignedData starts with its version INTEGER, a ContentInfo with the signedData OID
        assertEquals(0x02, signed[signed[1] < 0 ? 2 + (signed[1] & 0x7f) : 2]);
        assertEquals(PkinitOids.AUTH_DATA, SignedDataEncoding.eContentType(signed));
    }

    private static VerifiedPkAsReq serverVerify(byte[] asReq, int minDhBits) throws Exception {
        return serverVerify(asReq, new PkinitPolicy(minDhBits, Duration.ofMinutes(5)));
    }

    private static VerifiedPkAsReq serverVerify(byte[] asReq, PkinitPolicy policy) throws Exception {
        byte[] pa = paPkAsReqOfAsReq(asReq);
        var ctime = authPackOf(pa).pkAuthenticator().clientTime();
        var server = new Rfc4556PkinitServer(dummyKdc(), policy,
                Clock.fixed(ctime, ZoneOffset.UTC), new SecureRandom());
        var body = KdcReqEncoding.reqBody(asReq);
        return server.verify(pa, body);
    }

    private static KdcIdentity dummyKdc() {
        return new KdcIdentity(null, null, List.of());
    }

    @Test
    void mitClientAsReqPassesServerVerificationIncludingPaChecksumAndPaChecksum2() throws Exception {
        byte[] asReq = Captures.hex("scapy-kerberos-uts/mit-client.as-req.hex");
        assertNotNull(authPackOf(paPkAsReqOfAsReq(asReq)).pkAuthenticator().paChecksum2());
        VerifiedPkAsReq v = serverVerify(asReq, 2048);
        assertEquals("dh-modp14", v.keyExchange().describe());
        assertEquals(List.of(Rfc8636Kdf.SHA256, Rfc8636Kdf.SHA1, Rfc8636Kdf.SHA512).stream()
                .map(k -> k.identifier().getId()).toList(), v.supportedKdfs());
        X509Certificate expected = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Captures.hex("scapy-kerberos-uts/Administrator.cert.der.hex")));
        assertEquals(expected, v.clientCertificate());
    }

    /** The 2025 MIT client (shared vector, paChecksum2 too) and the 2015 one (in the resources, SHA-1 signed). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"scapy-kerberos-uts/mit-client.as-req.hex", "apache-kerby-codec/mit-rsa.as-req.hex"})
    void mitClientAsReqWithOneBodyByteChangedFailsThePaChecksum(String file) throws Exception {
        byte[] asReq = Captures.hex(file);
        byte[] pa = paPkAsReqOfAsReq(asReq);
        byte[] body = KdcReqEncoding.reqBody(asReq);
        body[body.length - 1] ^= 1;
        var auth = authPackOf(pa).pkAuthenticator();
        var server = new Rfc4556PkinitServer(dummyKdc(), oldCards(PkinitPolicy.defaults()),
                Clock.fixed(auth.clientTime(), ZoneOffset.UTC), new SecureRandom());
        assertEquals(FailureReason.PA_CHECKSUM_MISMATCH,
                assertThrows(KdcFailure.class, () -> server.verify(pa, body)).reason());
    }

    @Test
    void windowsPku2uAsReqPaChecksumMatchesItsBodyAndNonceIsZero() throws Exception {
        byte[] asReq = Captures.hex("azureadjoinedmachineptc-pku2u/win10-pku2u-client.as-req.hex");
        var auth = authPackOf(paPkAsReqOfAsReq(asReq)).pkAuthenticator();
        assertArrayEquals(java.security.MessageDigest.getInstance("SHA-1").digest(KdcReqEncoding.reqBody(asReq)),
                auth.paChecksum());
        assertEquals(0, auth.nonce());
    }

    @Test
    void windowsPku2uCertificateWithRepeatedSanExtensionIsRefusedAsInvalidNotThrown() throws Exception {
        // The Windows P2P certificate repeats the SAN extension (RFC 5280 4.2 forbids it), and neither the JDK
        // nor Bouncy Castle parses it, so the KDC refuses it as an invalid certificate.
        byte[] asReq = Captures.hex("azureadjoinedmachineptc-pku2u/win10-pku2u-client.as-req.hex");
        assertEquals(FailureReason.CERTIFICATE_INVALID,
                assertThrows(KdcFailure.class, () -> serverVerify(asReq,
                        oldCards(new PkinitPolicy(1024, Duration.ofMinutes(5))))).reason());
    }

    @Test
    void clientsSigningWithSha1AreRefusedUnlessAllowed() throws Exception {
        // Windows 10 PKU2U and the 2015 MIT client sign their AuthPack with SHA-1: refused by default, with
        // KDC_ERR_DIGEST_IN_SIGNED_DATA_NOT_ACCEPTED, as Windows' PKINIT hash policy can
        for (String file : List.of("azureadjoinedmachineptc-pku2u/win10-pku2u-client.as-req.hex",
                "apache-kerby-codec/mit-rsa.as-req.hex")) {
            byte[] asReq = Captures.hex(file);
            KdcFailure f = assertThrows(KdcFailure.class, () -> serverVerify(asReq, new PkinitPolicy(1024,
                    Duration.ofMinutes(5))));
            assertEquals(FailureReason.DIGEST_NOT_ACCEPTED, f.reason(), file);
        }
    }

    /** [pkinit] allow_sha1_signature = true, for the captures of clients that sign with SHA-1. */
    private static PkinitPolicy oldCards(PkinitPolicy policy) {
        return policy.withSignedData(SignedDataPolicy.defaults().withAllowSha1(true));
    }

    @Test
    void mitRsaModeAsReqVerifiesAsKeyTransportAndIsRefusedWhenThatIsOff() throws Exception {
        byte[] asReq = Captures.hex("apache-kerby-codec/mit-rsa.as-req.hex");
        assertNull(authPackOf(paPkAsReqOfAsReq(asReq)).clientPublicValue());
        assertEquals("rsa-key-transport",
                serverVerify(asReq, oldCards(PkinitPolicy.defaults())).keyExchange().describe());
        var off = oldCards(new PkinitPolicy(new KeyExchangePolicy(2048, 256, false), Duration.ofMinutes(5)));
        assertEquals(FailureReason.PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED,
                assertThrows(KdcFailure.class, () -> serverVerify(asReq, off)).reason());
    }

    @Test
    void mitAnonymousAsReqDecodesAndIsUnsigned() throws Exception {
        byte[] pa = paPkAsReqOfAsReq(Captures.hex("apache-kerby-codec/mit-anonymous.as-req.hex"));
        AuthPack authPack = authPackOf(pa);
        DhPublicValue dh = DhPublicValue.decode(authPack.clientPublicValue());
        assertEquals(ModpGroup.MODP14, ModpGroup.identify(dh.parameters().p(), dh.parameters().g()).orElseThrow());
        // RFC 8062 anonymous PKINIT is not implemented: the unsigned request is refused as not pre-authenticated
        KdcFailure f = assertThrows(KdcFailure.class,
                () -> CmsVerifier.verify(PaPkAsReq.decode(pa).signedAuthPack(), PkinitOids.AUTH_DATA));
        assertEquals(FailureReason.PREAUTH_FAILED, f.reason());
        assertTrue(f.text().contains("unsigned"), f.text());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "kerberos-net-pkinittests/windows-dc02.pa-pk-as-rep.hex, true, true",
            "metasploit-spec/windows-2012-dc.pa-pk-as-rep.hex, true, true",
            "picky-rs-pku2u/win10-pku2u-server.pa-pk-as-rep.hex, true, false",
            "aiosmb-pku2u/win10-pku2u-server.pa-pk-as-rep.hex, true, false"})
    void windowsPaPkAsRepDecodesWithoutKdfAndItsRsaEncryptionSignatureVerifies(String file, boolean serverNonce,
                                                                                boolean expiration) throws Exception {
        PaPkAsRep rep = PaPkAsRep.decode(Captures.hex(file));
        assertNull(rep.dhInfo().kdf());
        assertEquals(serverNonce, rep.dhInfo().serverDhNonce() != null);
        var verified = CmsVerifier.verify(rep.dhInfo().dhSignedData(), PkinitOids.DH_KEY_DATA);
        KdcDhKeyInfo keyInfo = KdcDhKeyInfo.decode(verified.content());
        assertEquals(expiration, keyInfo.dhKeyExpiration() != null);
        assertEquals(1, verified.certificates().size());
    }

    @Test
    void windowsDcAsRepSignatureVerifiesAndCarriesNoKdf() throws Exception {
        PaPkAsRep rep = PaPkAsRep.decode(
                Captures.asRepPaData(Captures.hex("scapy-kerberos-uts/windows-dc1.as-rep.hex"), 17));
        var verified = CmsVerifier.verify(rep.dhInfo().dhSignedData(), PkinitOids.DH_KEY_DATA);
        assertEquals(0x4e744899L, KdcDhKeyInfo.decode(verified.content()).nonce());
        assertNull(rep.dhInfo().kdf());
    }

    @Test
    void mitAnonymousAsRepNamesKdfSha256AndReEncodesIdentically() throws Exception {
        byte[] pa = Captures.asRepPaData(Captures.hex("apache-kerby-codec/mit-anonymous.as-rep.hex"), 17);
        PaPkAsRep rep = PaPkAsRep.decode(pa);
        assertEquals(Rfc8636Kdf.SHA256.identifier(), rep.dhInfo().kdf());
        assertArrayEquals(pa, rep.encode());
        CmsVerifier.verify(rep.dhInfo().dhSignedData(), PkinitOids.DH_KEY_DATA);
    }

    @Test
    void mitRsaAsRepIsAnEncKeyPack() throws Exception {
        PaPkAsRep rep = PaPkAsRep.decode(
                Captures.asRepPaData(Captures.hex("apache-kerby-codec/mit-rsa.as-rep.hex"), 17));
        assertNull(rep.dhInfo());
        assertNotNull(rep.encKeyPack());
    }
}
