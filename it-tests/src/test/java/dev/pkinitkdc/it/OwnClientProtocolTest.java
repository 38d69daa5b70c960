package dev.pkinitkdc.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.cert.PemFiles;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.AsReqExtensions;
import dev.pkinitkdc.pkinit.client.KdcTransport;
import dev.pkinitkdc.pkinit.client.Misbehaviour;
import dev.pkinitkdc.pkinit.client.PkinitAsReq;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.kdc.AsReq;
import org.apache.kerby.kerberos.kerb.type.pa.PaData;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataEntry;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataType;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The protocol parts of issue 6 with the lab's default options, driven over the network by the project's own
 * client: freshness tokens (RFC 8070), paChecksum2 ([MS-PKCA] 2.2.3), replays, unsigned requests (RFC 8062),
 * KRB_ERR_RESPONSE_TOO_BIG over UDP (RFC 4120 7.2.1) and OCSP stapling (RFC 4557), with the code on the wire.
 */
class OwnClientProtocolTest extends LabPerClass {
    private static PkinitClient client(PkinitClientOptions options) throws Exception {
        return OwnClient.client(kdc.lab, "alice", options);
    }

    private static PkinitAsReq asReq(PkinitClient client, AsReqExtensions extensions) {
        return client.newAsReq(OwnClient.principal("alice"), kdc.lab.realm(), extensions);
    }

    private static AsExchangeResult overTcp(PkinitClient client, PkinitAsReq request) throws Exception {
        return client.processReply(request, OwnClient.tcp(kdc.lab, request.encoded()));
    }

    private static void assertRefused(int code, AsExchangeResult r) {
        AsExchangeResult.Error e = assertInstanceOf(AsExchangeResult.Error.class, r, r::toString);
        assertEquals(code, e.errorCode(), e.eText());
    }

    @Test
    void aFreshnessTokenFromPreauthRequiredIsSignedBackAndAccepted() throws Exception {
        PkinitClient client = client(PkinitClientOptions.defaults());
        byte[] reply = OwnClient.tcp(kdc.lab, client.freshnessRequest(OwnClient.principal("alice"), kdc.lab.realm()));
        assertEquals(25, KdcTransport.errorCode(reply), "KDC_ERR_PREAUTH_REQUIRED");
        byte[] token = PkinitClient.freshnessToken(reply).orElseThrow();
        AsExchangeResult r = overTcp(client, asReq(client, AsReqExtensions.none().withFreshnessToken(token)));
        assertInstanceOf(AsExchangeResult.Success.class, r, r::toString);
    }

    @Test
    void aFreshnessTokenTheKdcDidNotIssueIsRefusedWith90() throws Exception {
        PkinitClient client = client(PkinitClientOptions.defaults());
        byte[] token = OwnClient.freshnessToken(kdc.lab, client, "alice");
        token[token.length - 1] ^= 0x01;
        assertRefused(90, overTcp(client, asReq(client, AsReqExtensions.none().withFreshnessToken(token))));
    }

    @Test
    void anUnsignedPkAsReqIsRefusedWith24() throws Exception {
        PkinitClient client = client(PkinitClientOptions.defaults().withMisbehaviour(Misbehaviour.UNSIGNED));
        AsExchangeResult r = overTcp(client, asReq(client, AsReqExtensions.none()));
        assertRefused(24, r);
        assertTrue(((AsExchangeResult.Error) r).eText().contains("unsigned"), r::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA-1", "SHA-256", "SHA-384", "SHA-512"})
    void aRightPaChecksum2IsAccepted(String digest) throws Exception {
        PkinitClient client = client(PkinitClientOptions.defaults());
        AsExchangeResult r = overTcp(client, asReq(client, AsReqExtensions.none().withPaChecksum2(digest)));
        assertInstanceOf(AsExchangeResult.Success.class, r, r::toString);
    }

    @Test
    void aWrongPaChecksum2IsRefusedWith41() throws Exception {
        PkinitClient client = client(PkinitClientOptions.defaults().withMisbehaviour(Misbehaviour.WRONG_PA_CHECKSUM2));
        assertRefused(41, overTcp(client, asReq(client, AsReqExtensions.none().withPaChecksum2("SHA-256"))));
    }

    @Test
    void theSameRequestBytesGetTheSameReplyButTheAuthPackInAnotherRequestIsRefusedWith34() throws Exception {
        PkinitClient client = client(PkinitClientOptions.defaults());
        PkinitAsReq request = asReq(client, AsReqExtensions.none());
        byte[] first = OwnClient.tcp(kdc.lab, request.encoded());
        assertInstanceOf(AsExchangeResult.Success.class, client.processReply(request, first));
        // a retransmission: answered from the lookaside cache, not refused as a replay
        assertArrayEquals(first, OwnClient.tcp(kdc.lab, request.encoded()));
        // the same signed AuthPack and req-body in a request that differs (one more padata): a replay
        byte[] replayed = OwnClient.tcp(kdc.lab, withPacRequest(request.encoded()));
        assertRefused(34, client.processReply(request, replayed));
    }

    /** The AS-REQ with a PA-PAC-REQUEST (MS-KILE 2.2.3) added after its PA-PK-AS-REQ; req-body unchanged. */
    private static byte[] withPacRequest(byte[] asReqDer) throws Exception {
        AsReq asReq = KrbCodec.decode(asReqDer, AsReq.class);
        PaData padata = new PaData();
        asReq.getPaData().getElements().forEach(padata::addElement);
        padata.addElement(new PaDataEntry(PaDataType.PAC_REQUEST, new byte[] {0x30, 0x05, (byte) 0xa0, 0x03, 0x01,
                0x01, (byte) 0xff}));
        asReq.setPaData(padata);
        return KrbCodec.encode(asReq);
    }

    @Test
    void anAsRepTooBigForUdpIsRefusedWith52AndTheSameRequestSucceedsOverTcp() throws Exception {
        PkinitClient client = client(PkinitClientOptions.defaults());
        PkinitAsReq request = asReq(client, AsReqExtensions.none());
        assertRefused(52, client.processReply(request, OwnClient.udp(kdc.lab, request.encoded())));
        AsExchangeResult r = overTcp(client, request);
        assertInstanceOf(AsExchangeResult.Success.class, r, r::toString);
    }

    @Test
    void aClientThatAsksGetsAGoodOcspResponseForTheKdcCertificate() throws Exception {
        PkinitClient client = client(PkinitClientOptions.defaults());
        AtomicReference<byte[]> stapled = new AtomicReference<>();
        // the KDC fetches its response in the background after start: the first replies may go without
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            AsExchangeResult r = overTcp(client, asReq(client, AsReqExtensions.none().withOcspStaple()));
            stapled.set(assertInstanceOf(AsExchangeResult.Success.class, r, r::toString).stapledOcspResponse());
            return stapled.get() != null;
        });
        X509Certificate kdcCert = PemFiles.certificate(kdc.lab.layout().kdc().certificate());
        X509Certificate issuing = PemFiles.certificate(kdc.lab.layout().issuingCertificate());
        OCSPResp response = new OCSPResp(stapled.get());
        assertEquals(OCSPResp.SUCCESSFUL, response.getStatus());
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        assertTrue(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuing)),
                "signed by the lab issuing CA");
        SingleResp single = basic.getResponses()[0];
        assertEquals(kdcCert.getSerialNumber(), single.getCertID().getSerialNumber());
        assertEquals(CertificateStatus.GOOD, single.getCertStatus());
    }

    @Test
    void aClientThatDoesNotAskGetsNoOcspResponse() throws Exception {
        PkinitClient client = client(PkinitClientOptions.defaults());
        AsExchangeResult r = overTcp(client, asReq(client, AsReqExtensions.none()));
        assertNull(assertInstanceOf(AsExchangeResult.Success.class, r, r::toString).stapledOcspResponse());
    }

    /** RFC 4120 3.1.3: a till already past gives KDC_ERR_NEVER_VALID (11), not a ticket that is born expired. */
    @Test
    void aTillInThePastIsNeverValid() throws Exception {
        assertRefused(11, OwnClient.logon(kdc.lab, "alice", "alice",
                PkinitClientOptions.defaults().withTicketLifetime(Duration.ofHours(-1)), false));
    }
}
