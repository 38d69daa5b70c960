package dev.pkinitkdc.kdc.tool.lab;

import static dev.pkinitkdc.pkinit.testing.Prerequisites.require;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pkinitkdc.kdc.support.http.SlowHttpClients;
import dev.pkinitkdc.kdc.tool.labpki.LabPki;
import dev.pkinitkdc.pkinit.cert.PemFiles;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an attacker on the lab's loopback does to its OCSP/CRL server (issue 21): holds requests half sent, drips one
 * in a byte at a time, posts a huge body, opens connections by the dozen. Real sockets against the real server.
 */
class LabRevocationServerSlowClientsTest {
    /** The server's whole-request deadline plus room for a slow machine. */
    private static final Duration CLOSED_WITHIN = LabRevocationServer.LIMITS.requestDeadline().plusSeconds(5);
    /** "Promptly": far less than the deadline the slow clients hold their connections for... and bounded. */
    private static final Duration PROMPTLY = Duration.ofSeconds(4);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path dir;
    static LabEnvironment lab;
    static LabRevocationServer server;
    static LabPki pki;
    static InetSocketAddress address;

    @BeforeAll
    static void start() throws Exception {
        lab = TestLabs.withFreeRevocationPort(dir);
        pki = LabPki.load(lab.layout());
        server = lab.startRevocationServer();
        address = new InetSocketAddress("127.0.0.1", URI.create(lab.revocationUrls().base()).getPort());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static byte[] ocspRequest(BigInteger serial) throws Exception {
        return new OCSPReqBuilder().addRequest(new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(pki.issuing().certificate()), serial))
                .build().getEncoded();
    }

    /** A normal OCSP POST for alice: {@code good}. */
    private static boolean aliceIsGood() throws Exception {
        BigInteger serial = PemFiles.certificate(lab.user("alice").certificate()).getSerialNumber();
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(lab.revocationUrls().ocsp()))
                .header("Content-Type", "application/ocsp-request").timeout(PROMPTLY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(ocspRequest(serial))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        OCSPResp resp = new OCSPResp(r.body());
        assertEquals(OCSPResp.SUCCESSFUL, resp.getStatus());
        assertNull(((BasicOCSPResp) resp.getResponseObject()).getResponses()[0].getCertStatus(), "good");
        return true;
    }

    private static boolean crlIsServed() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(lab.revocationUrls().issuingCrl()))
                .timeout(PROMPTLY).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode() == 200 && r.body().length > 0;
    }

    @Test
    void halfSentAndDrippingRequestsStallNobodyAndAreClosedAtTheDeadline() throws Exception {
        try (SlowHttpClients slow = new SlowHttpClients(address)) {
            for (int i = 0; i < 2; i++) {
                slow.half("POST /ocsp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty");
                slow.half("POST /ocsp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n0123");
            }
            slow.drip("POST /ocsp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/ocsp-request\r\n"
                    + "Content-Length: 200\r\n\r\n" + "0".repeat(200));

            await("an OCSP POST while five clients stall").atMost(PROMPTLY).until(
                    LabRevocationServerSlowClientsTest::aliceIsGood);
            await("a CRL GET while five clients stall").atMost(PROMPTLY).until(
                    LabRevocationServerSlowClientsTest::crlIsServed);

            slow.awaitStalledClosedByServer(CLOSED_WITHIN);
        }
    }

    @Test
    void anOversizedOcspBodyGets413AndIsNotReadWhole() throws Exception {
        try (SlowHttpClients clients = new SlowHttpClients(address)) {
            clients.awaitTooLargeRefused("POST /ocsp HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/ocsp-request\r\n", CLOSED_WITHIN);
        }
        await().atMost(PROMPTLY).until(LabRevocationServerSlowClientsTest::aliceIsGood);
    }

    @Test
    void connectionsPastTheSourceCapAreClosedAtOnceWhileOtherSourcesAreServed() throws Exception {
        require(SlowHttpClients.loopbackAliases(), "127.0.0.2 is not usable here");
        try (SlowHttpClients flood = new SlowHttpClients(address)) {
            List<Socket> held = new ArrayList<>();
            for (int i = 0; i < LabRevocationServer.LIMITS.maxConnectionsPerSource(); i++) {
                held.add(flood.connect("127.0.0.2"));
            }
            Socket refused = flood.connect("127.0.0.2");
            SlowHttpClients.awaitClosedByServer(refused, CLOSED_WITHIN);
            assertFalse(closed(held.get(0)), "the first held connection outlives the refused one: cut by the cap, "
                    + "not by the deadline");
            await().atMost(PROMPTLY).until(LabRevocationServerSlowClientsTest::aliceIsGood);
        }
    }

    private static boolean closed(Socket s) {
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
