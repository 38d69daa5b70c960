package dev.pkinitkdc.pkinit.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkinitkdc.pkinit.asn1.DhRepInfo;
import dev.pkinitkdc.pkinit.asn1.KdcDhKeyInfo;
import dev.pkinitkdc.pkinit.asn1.PaPkAsRep;
import dev.pkinitkdc.pkinit.asn1.PkinitOids;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.ClientQuirk;
import dev.pkinitkdc.pkinit.client.PkinitAsReq;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientException;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import dev.pkinitkdc.pkinit.cms.CmsVerifier;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import dev.pkinitkdc.pkinit.kdf.Rfc8636Kdf;
import dev.pkinitkdc.pkinit.kx.ModpGroup;
import dev.pkinitkdc.pkinit.testing.OpenSslCli;
import dev.pkinitkdc.pkinit.testing.TestKdc;
import dev.pkinitkdc.pkinit.testing.TestPki;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Client and server agree the same reply key for every KDF and group (RFC 4556 3.2.3.1, RFC 8636 8). */
class PkinitRoundTripTest {
    private static final TestPki pki = TestPki.shared();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final PrincipalName ALICE = TestPki.ALICE;

    private static TestKdc kdc() {
        return new TestKdc(new Rfc4556PkinitServer(pki.kdc, PkinitPolicy.defaults(), Clock.systemUTC(), RANDOM));
    }

    private static PkinitClient client(PkinitClientOptions options) {
        return new PkinitClient(pki.client, List.of(pki.caCert), options, Clock.systemUTC(), RANDOM);
    }

    static Stream<Arguments> kdfsAndGroups() {
        return Stream.of(ModpGroup.MODP14, ModpGroup.MODP16).flatMap(g -> Stream.of(
                Arguments.of(g, List.of(), "octetstring2key"),
                Arguments.of(g, List.of(Rfc8636Kdf.SHA1), "id-pkinit-kdf-sha1"),
                Arguments.of(g, List.of(Rfc8636Kdf.SHA256, Rfc8636Kdf.SHA1), "id-pkinit-kdf-sha256"),
                Arguments.of(g, List.of(Rfc8636Kdf.SHA512), "id-pkinit-kdf-sha512")));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("kdfsAndGroups")
    void clientDerivesTheServersReplyKeyAndDecryptsTheAsRep(ModpGroup group, List<Rfc8636Kdf> kdfs, String kdf)
            throws Exception {
        PkinitClient client = client(PkinitClientOptions.defaults().withGroup(group).withKdfs(kdfs));
        PkinitAsReq req = client.newAsReq(ALICE, TestPki.REALM);
        TestKdc kdc = kdc();
        byte[] asRep = kdc.handle(req.encoded());

        var result = assertInstanceOf(AsExchangeResult.Success.class, client.processReply(req, asRep));
        assertEquals(kdf, kdc.lastReply.kdf());
        assertEquals(kdf, result.kdf());
        assertArrayEquals(kdc.lastReply.replyKey().getKeyData(), result.replyKey().getKeyData());
        assertEquals(Enctype.AES256_CTS_HMAC_SHA1_96, result.enctype());
        assertEquals(32, result.replyKey().getKeyData().length);
        assertNotNull(result.ticket());
        assertEquals(req.nonce(), result.encPart().getNonce() & 0xffffffffL);
    }

    @Test
    void serverNamesTheRfc8636KdfInDhRepInfoAndOmitsItForOctetString2Key() throws Exception {
        TestKdc kdc = kdc();
        kdc.handle(client(PkinitClientOptions.defaults()).newAsReq(ALICE, TestPki.REALM).encoded());
        assertEquals(Rfc8636Kdf.SHA256.identifier(), PaPkAsRep.decode(kdc.lastReply.paPkAsRep()).dhInfo().kdf());
        kdc.handle(client(PkinitClientOptions.defaults().withKdfs(List.of())).newAsReq(ALICE, TestPki.REALM)
                .encoded());
        assertNull(PaPkAsRep.decode(kdc.lastReply.paPkAsRep()).dhInfo().kdf());
    }

    @Test
    void dhNoncesAreExchangedAndFeedOctetString2Key() throws Exception {
        PkinitClient client = client(PkinitClientOptions.defaults().withKdfs(List.of()).withClientDhNonce(true));
        PkinitAsReq req = client.newAsReq(ALICE, TestPki.REALM);
        TestKdc kdc = kdc();
        byte[] asRep = kdc.handle(req.encoded());
        DhRepInfo dhInfo = PaPkAsRep.decode(kdc.lastReply.paPkAsRep()).dhInfo();
        assertEquals(32, dhInfo.serverDhNonce().length);
        // RFC 4556 3.2.3.1: serverDHNonce is present if and only if dhKeyExpiration is (Heimdal insists)
        byte[] keyInfo = CmsVerifier.verify(dhInfo.dhSignedData(), PkinitOids.DH_KEY_DATA).content();
        assertNotNull(KdcDhKeyInfo.decode(keyInfo).dhKeyExpiration());
        var result = assertInstanceOf(AsExchangeResult.Success.class, client.processReply(req, asRep));
        assertArrayEquals(kdc.lastReply.replyKey().getKeyData(), result.replyKey().getKeyData());
        // both sides could drop the nonces alike: the key must be octetstring2key(Z | clientDHNonce | serverDHNonce),
        // here hashed by openssl
        byte[] z = req.keyAgreement().agree(KdcDhKeyInfo.decode(keyInfo).subjectPublicKey());
        byte[] x = ByteBuffer.allocate(z.length + req.clientDhNonce().length + dhInfo.serverDhNonce().length)
                .put(z).put(req.clientDhNonce()).put(dhInfo.serverDhNonce()).array();
        assertArrayEquals(OpenSslCli.octetString2Key(x, 32), result.replyKey().getKeyData());
    }

    @Test
    void withoutAClientDhNonceTheReplyHasNeitherServerNonceNorKeyExpiration() throws Exception {
        PkinitClient client = client(PkinitClientOptions.defaults().withClientDhNonce(false));
        PkinitAsReq req = client.newAsReq(ALICE, TestPki.REALM);
        TestKdc kdc = kdc();
        kdc.handle(req.encoded());
        DhRepInfo dhInfo = PaPkAsRep.decode(kdc.lastReply.paPkAsRep()).dhInfo();
        assertNull(dhInfo.serverDhNonce());
        byte[] keyInfo = CmsVerifier.verify(dhInfo.dhSignedData(), PkinitOids.DH_KEY_DATA).content();
        assertNull(KdcDhKeyInfo.decode(keyInfo).dhKeyExpiration());
    }

    /**
     * RFC 4556 3.2.1: the PKAuthenticator nonce "does not need to match" the KDC-REQ-BODY's (AD-oriented tools pick
     * their own): accepted, and KDCDHKeyInfo carries the PKAuthenticator's (3.2.3.1), the EncASRepPart the body's.
     */
    @Test
    void aPkAuthenticatorNonceOfItsOwnIsAcceptedAndEchoedInKdcDhKeyInfo() throws Exception {
        PkinitClient client = client(PkinitClientOptions.defaults()
                .withQuirk(ClientQuirk.INDEPENDENT_AUTHENTICATOR_NONCE));
        PkinitAsReq req = client.newAsReq(ALICE, TestPki.REALM);
        assertNotEquals(req.nonce(), req.authenticatorNonce());
        TestKdc kdc = kdc();
        byte[] asRep = kdc.handle(req.encoded());
        DhRepInfo dhInfo = PaPkAsRep.decode(kdc.lastReply.paPkAsRep()).dhInfo();
        byte[] keyInfo = CmsVerifier.verify(dhInfo.dhSignedData(), PkinitOids.DH_KEY_DATA).content();
        assertEquals(req.authenticatorNonce(), KdcDhKeyInfo.decode(keyInfo).nonce());
        var result = assertInstanceOf(AsExchangeResult.Success.class, client.processReply(req, asRep));
        assertEquals(req.nonce(), result.encPart().getNonce() & 0xffffffffL);
    }

    /** RFC 3961 3 seed lengths: 16 bytes for etypes 17 and 19, 32 for 18 and 20 (RFC 8009 2). */
    @ParameterizedTest
    @EnumSource(Enctype.class)
    void everyEnctypeGetsAReplyKeyOfItsSize(Enctype enctype) throws Exception {
        PkinitClient client = client(PkinitClientOptions.defaults().withEnctypes(List.of(enctype)));
        PkinitAsReq req = client.newAsReq(ALICE, TestPki.REALM);
        var result = assertInstanceOf(AsExchangeResult.Success.class,
                client.processReply(req, kdc().handle(req.encoded())));
        assertEquals(enctype, result.enctype());
        assertEquals(enctype.keySize(), result.replyKey().getKeyData().length);
        assertEquals(enctype, Enctypes.of(result.sessionKey()));
    }

    @Test
    void clientRefusesAKdcCertificateOutsideItsAnchors() throws Exception {
        PkinitClient client = new PkinitClient(pki.client, List.of(pki.selfSignedStranger.certificate()),
                PkinitClientOptions.defaults(), Clock.systemUTC(), RANDOM);
        PkinitAsReq req = client.newAsReq(ALICE, TestPki.REALM);
        byte[] asRep = kdc().handle(req.encoded());
        assertThrows(PkinitClientException.class, () -> client.processReply(req, asRep));
    }

    @Test
    void clientRejectsAReplyForAnotherRequest() throws Exception {
        PkinitClient client = client(PkinitClientOptions.defaults());
        PkinitAsReq first = client.newAsReq(ALICE, TestPki.REALM);
        PkinitAsReq second = client.newAsReq(ALICE, TestPki.REALM);
        byte[] asRep = kdc().handle(first.encoded());
        assertThrows(PkinitClientException.class, () -> client.processReply(second, asRep));
    }
}
