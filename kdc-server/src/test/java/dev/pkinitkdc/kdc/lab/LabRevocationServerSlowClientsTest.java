package dev.pkinitkdc.kdc.lab;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pkinitkdc.kdc.transport.SlowHttpClients;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
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
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        lab = LabEnvironment.prepare(new LabOptions(dir.resolve("lab"), "LAB.EXAMPLE", "127.0.0.1", 8888, port));
        pki = LabPki.load(lab.layout());
        server = lab.startRevocationServer();
        address = new InetSocketAddress("127.0.0.1", port);
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
        BigInteger serial = PemFiles.readCertificate(lab.user("alice").certificate()).getSerialNumber();
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
            List<Socket> stalled = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                stalled.add(slow.half("POST /ocsp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty"));
                stalled.add(slow.half("POST /ocsp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n0123"));
            }
            AtomicInteger dripped = new AtomicInteger();
            String dripping = "POST /ocsp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/ocsp-request\r\n"
                    + "Content-Length: 200\r\n\r\n" + "0".repeat(200);
            stalled.add(slow.drip(dripping, dripped));

            await("an OCSP POST while five clients stall").atMost(PROMPTLY).until(
                    LabRevocationServerSlowClientsTest::aliceIsGood);
            await("a CRL GET while five clients stall").atMost(PROMPTLY).until(
                    LabRevocationServerSlowClientsTest::crlIsServed);

            for (Socket s : stalled) {
                SlowHttpClients.awaitClosedByServer(s, CLOSED_WITHIN);
            }
            assertTrue(dripped.get() < dripping.length(), "the drip was cut before it finished: " + dripped);
        }
    }

    @Test
    void anOversizedOcspBodyGets413AndIsNotReadWhole() throws Exception {
        long announced = 100L * 1024 * 1024;
        try (SlowHttpClients clients = new SlowHttpClients(address)) {
            Socket s = clients.connect("127.0.0.1");
            CompletableFuture<Long> taken = CompletableFuture.supplyAsync(() -> SlowHttpClients.sendUntilRefused(s,
                    "POST /ocsp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/ocsp-request\r\n"
                            + "Content-Length: " + announced + "\r\n\r\n", announced));
            String reply = SlowHttpClients.readUntilClosed(s, CLOSED_WITHIN);
            assertTrue(reply.startsWith("HTTP/1.1 413 "), reply);
            long sent = await().atMost(CLOSED_WITHIN).until(() -> taken.getNow(null), v -> v != null);
            assertTrue(sent < announced / 4, "the server stopped taking the body after " + sent + " bytes");
        }
        await().atMost(PROMPTLY).until(LabRevocationServerSlowClientsTest::aliceIsGood);
    }

    @Test
    void connectionsPastTheSourceCapAreClosedAtOnceWhileOtherSourcesAreServed() throws Exception {
        assumeTrue(loopbackAlias(), "127.0.0.2 is not usable here");
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

    private static boolean loopbackAlias() {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
