package dev.pkinitkdc.pkinit.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.asn1.PaPkAsRep;
import dev.pkinitkdc.pkinit.asn1.PkinitOids;
import dev.pkinitkdc.pkinit.asn1.ReplyKeyPack;
import dev.pkinitkdc.pkinit.asn1.TdDhParameters;
import dev.pkinitkdc.pkinit.asn1.TypedData;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.ClientIdentity;
import dev.pkinitkdc.pkinit.client.Misbehaviour;
import dev.pkinitkdc.pkinit.client.PkinitAsReq;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import dev.pkinitkdc.pkinit.cms.CmsEnvelope;
import dev.pkinitkdc.pkinit.cms.CmsVerifier;
import dev.pkinitkdc.pkinit.kdf.Rfc8636Kdf;
import dev.pkinitkdc.pkinit.kx.AsChecksum;
import dev.pkinitkdc.pkinit.kx.EcCurve;
import dev.pkinitkdc.pkinit.kx.ModpGroup;
import dev.pkinitkdc.pkinit.testing.TestKdc;
import dev.pkinitkdc.pkinit.testing.TestPki;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kerby.kerberos.kerb.type.base.CheckSumType;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ECDH (RFC 5349), MODP 18, RSA key transport (RFC 4556 3.2.3.2), and their refusals, client and server in-process. */
class KeyExchangeTest {
    private static final TestPki pki = TestPki.shared();
    private static final SecureRandom RANDOM = new SecureRandom();

    private static TestKdc kdc(KeyExchangePolicy policy) {
        return new TestKdc(new Rfc4556PkinitServer(pki.kdc, new PkinitPolicy(policy, Duration.ofMinutes(5)),
                Clock.systemUTC(), RANDOM));
    }

    private static PkinitClient client(ClientIdentity id, PkinitClientOptions options) {
        return new PkinitClient(id, List.of(pki.caCert), options, Clock.systemUTC(), RANDOM);
    }

    private static AsExchangeResult.Success roundTrip(ClientIdentity id, PkinitClientOptions options, TestKdc kdc)
            throws Exception {
        PkinitClient client = client(id, options);
        PkinitAsReq req = client.newAsReq(TestPki.ALICE, TestPki.REALM);
        var ok = assertInstanceOf(AsExchangeResult.Success.class, client.processReply(req, kdc.handle(req.encoded())));
        assertArrayEquals(kdc.lastReply.replyKey().getKeyData(), ok.replyKey().getKeyData());
        return ok;
    }

    private static KdcFailure refusal(ClientIdentity id, PkinitClientOptions options, KeyExchangePolicy policy) {
        byte[] asReq = client(id, options).newAsReq(TestPki.ALICE, TestPki.REALM).encoded();
        return assertThrows(KdcFailure.class, () -> kdc(policy).verify(asReq));
    }

    static Stream<Arguments> curvesAndKdfs() {
        return Stream.of(EcCurve.values()).flatMap(c -> Stream.of(
                Arguments.of(c, List.of(), "octetstring2key"),
                Arguments.of(c, List.of(Rfc8636Kdf.SHA1), "id-pkinit-kdf-sha1"),
                Arguments.of(c, List.of(Rfc8636Kdf.SHA256), "id-pkinit-kdf-sha256"),
                Arguments.of(c, List.of(Rfc8636Kdf.SHA384), "id-pkinit-kdf-sha384"),
                Arguments.of(c, List.of(Rfc8636Kdf.SHA512), "id-pkinit-kdf-sha512")));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("curvesAndKdfs")
    void ecdhAgreesTheReplyKeyOnEveryCurveWithEveryKdf(EcCurve curve, List<Rfc8636Kdf> kdfs, String kdf)
            throws Exception {
        TestKdc kdc = kdc(KeyExchangePolicy.defaults());
        var ok = roundTrip(pki.client, PkinitClientOptions.defaults().withCurve(curve).withKdfs(kdfs)
                .withClientDhNonce(true), kdc);
        assertEquals(kdf, ok.kdf());
        assertEquals(curve.describe(), kdc.verify(client(pki.client, PkinitClientOptions.defaults().withCurve(curve))
                .newAsReq(TestPki.ALICE, TestPki.REALM).encoded()).keyExchange().describe());
    }

    @Test
    void modp18AgreesTheReplyKey() throws Exception {
        var ok = roundTrip(pki.client, PkinitClientOptions.defaults().withGroup(ModpGroup.MODP18),
                kdc(KeyExchangePolicy.defaults()));
        assertEquals("id-pkinit-kdf-sha256", ok.kdf());
    }

    @Test
    void anEcdsaClientCertificateLogsOnWithDhAndEcdh() throws Exception {
        roundTrip(pki.ecClient, PkinitClientOptions.defaults(), kdc(KeyExchangePolicy.defaults()));
        roundTrip(pki.ecClient, PkinitClientOptions.defaults().withCurve(EcCurve.P256),
                kdc(KeyExchangePolicy.defaults()));
    }

    @Test
    void rsaKeyTransportDeliversASignedReplyKeyPackTheClientOpens() throws Exception {
        TestKdc kdc = kdc(KeyExchangePolicy.defaults());
        var ok = roundTrip(pki.client, PkinitClientOptions.defaults().withRsaKeyTransport(), kdc);
        assertEquals("none (encKeyPack)", ok.kdf());
        assertEquals(EncryptionType.AES256_CTS_HMAC_SHA1_96, ok.replyKey().getKeyType());

        // what is on the wire, read back piece by piece
        PaPkAsRep rep = PaPkAsRep.decode(kdc.lastReply.paPkAsRep());
        assertNull(rep.dhInfo());
        CmsEnvelope.Opened opened = CmsEnvelope.open(rep.encKeyPack(), pki.client.privateKey());
        assertEquals(CMSAlgorithm.AES256_CBC, opened.contentEncryption());
        assertEquals(CMSObjectIdentifiers.signedData, opened.contentType());
        var signed = CmsVerifier.verify(opened.content(), PkinitOids.RKEY_DATA);
        assertEquals(pki.kdc.certificate(), signed.signer());
        ReplyKeyPack pack = ReplyKeyPack.decode(signed.content());
        assertEquals(CheckSumType.HMAC_SHA1_96_AES256, pack.asChecksum().getCksumtype());
        assertArrayEquals(ok.replyKey().getKeyData(), pack.replyKey().getKeyData());
    }

    @Test
    void asChecksumBindsTheReplyKeyPackToTheRequest() throws Exception {
        TestKdc kdc = kdc(KeyExchangePolicy.defaults());
        PkinitClient client = client(pki.client, PkinitClientOptions.defaults().withRsaKeyTransport());
        byte[] asReq = client.newAsReq(TestPki.ALICE, TestPki.REALM).encoded();
        kdc.handle(asReq);
        var rep = PaPkAsRep.decode(kdc.lastReply.paPkAsRep());
        var pack = ReplyKeyPack.decode(CmsVerifier.verify(CmsEnvelope.open(rep.encKeyPack(),
                pki.client.privateKey()).content(), PkinitOids.RKEY_DATA).content());
        assertTrue(AsChecksum.verify(pack.asChecksum(), pack.replyKey(), asReq));
        byte[] other = client.newAsReq(TestPki.ALICE, TestPki.REALM).encoded();
        assertTrue(!AsChecksum.verify(pack.asChecksum(), pack.replyKey(), other));
    }

    @Test
    void rsaKeyTransportSwitchedOffIsPublicKeyEncryptionNotSupported() {
        KdcFailure f = refusal(pki.client, PkinitClientOptions.defaults().withRsaKeyTransport(),
                new KeyExchangePolicy(2048, 256, false));
        assertEquals(FailureReason.PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED, f.reason());
        assertTrue(f.getMessage().contains("rsa_key_transport"), f.getMessage());
    }

    @Test
    void rsaKeyTransportToAnEcCertificateIsPublicKeyEncryptionNotSupported() {
        assertEquals(FailureReason.PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED, refusal(pki.ecClient,
                PkinitClientOptions.defaults().withRsaKeyTransport(), KeyExchangePolicy.defaults()).reason());
    }

    @Test
    void aCurveBelowTheMinimumIsRefusedWithTdDhParametersListingGroupsThenCurves() {
        KdcFailure f = refusal(pki.client, PkinitClientOptions.defaults().withCurve(EcCurve.P256),
                new KeyExchangePolicy(2048, 384, true));
        assertEquals(FailureReason.DH_PARAMETERS_NOT_ACCEPTED, f.reason());
        List<AlgorithmIdentifier> algs = TdDhParameters.decode(
                TypedData.value(f.eData(), TypedData.TD_DH_PARAMETERS).orElseThrow());
        assertEquals(List.of(PkinitOids.DH_PUBLIC_NUMBER, PkinitOids.DH_PUBLIC_NUMBER, PkinitOids.DH_PUBLIC_NUMBER,
                        X9ObjectIdentifiers.id_ecPublicKey, X9ObjectIdentifiers.id_ecPublicKey),
                algs.stream().map(AlgorithmIdentifier::getAlgorithm).toList());
        assertEquals(List.of(EcCurve.P384.oid(), EcCurve.P521.oid()),
                algs.subList(3, 5).stream().map(AlgorithmIdentifier::getParameters).toList());
    }

    @Test
    void aDhRefusalListsOnlyTheModpGroups() {
        KdcFailure f = refusal(pki.client, PkinitClientOptions.defaults().withGroup(ModpGroup.MODP2),
                KeyExchangePolicy.defaults());
        List<AlgorithmIdentifier> algs = TdDhParameters.decode(
                TypedData.value(f.eData(), TypedData.TD_DH_PARAMETERS).orElseThrow());
        assertEquals(3, algs.size());   // MODP 14, 16, 18
        assertTrue(algs.stream().allMatch(a -> PkinitOids.DH_PUBLIC_NUMBER.equals(a.getAlgorithm())));
    }

    @Test
    void aPointOffTheCurveIsPreauthFailed() {
        KdcFailure f = refusal(pki.client, PkinitClientOptions.defaults().withCurve(EcCurve.P384)
                .withMisbehaviour(Misbehaviour.EC_POINT_OFF_CURVE), KeyExchangePolicy.defaults());
        assertEquals(FailureReason.PREAUTH_FAILED, f.reason());
        assertTrue(f.getMessage().contains("not on"), f.getMessage());
    }

    @Test
    void aDhValueOutsideTheSubgroupIsPreauthFailed() {
        KdcFailure f = refusal(pki.client, PkinitClientOptions.defaults()
                .withMisbehaviour(Misbehaviour.DH_VALUE_OUTSIDE_SUBGROUP), KeyExchangePolicy.defaults());
        assertEquals(FailureReason.PREAUTH_FAILED, f.reason());
        assertTrue(f.getMessage().contains("subgroup"), f.getMessage());
        assertNotNull(f.getMessage());
    }
}
