package dev.pkinitkdc.kdc.transport;

import static dev.pkinitkdc.pkinit.testing.Prerequisites.require;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkinitkdc.conf.RequestLimits;
import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.stage.encode.KrbErrorEncoder;
import dev.pkinitkdc.kdc.support.http.SlowHttpClients;
import dev.pkinitkdc.kdc.support.telemetry.TransportCounts.Refusal;
import dev.pkinitkdc.kdc.support.telemetry.TransportCounts;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.base.KrbError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an attacker does to the listeners before authenticating anything (issue 16): holds connections open, drips a
 * request in a byte at a time, announces a huge request, sends non-Kerberos datagrams to reflect replies at a forged
 * source, pipelines requests. A real Netty server on 127.0.0.1; other sources are other loopback addresses.
 */
class ListenerAttackTest {
    private static final String REALM = "LAB.EXAMPLE";
    private static final KrbErrorEncoder ERRORS = new KrbErrorEncoder(REALM);
    private static final ListenerErrors TOO_LONG = text -> ERRORS.encode(
            new KdcFailure(FailureReason.REQUEST_TOO_LONG, text), null, Instant.now());
    /** Answers each KDC request with its own bytes, reversed: a reply that shows which request it answers. */
    private static final KdcRequestHandler REVERSE = (peer, transport, request) ->
            CompletableFuture.completedFuture(reversed(request));
    private static final int IO_TIMEOUT_MS = 5000;

    private final TransportCounts counts = new TransportCounts();
    private KdcServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private int start(RequestLimits limits, KdcRequestHandler handler) throws InterruptedException {
        server = KdcServer.start(List.of(new KdcServer.Listen(Transport.TCP, "127.0.0.1", 0),
                new KdcServer.Listen(Transport.UDP, "127.0.0.1", 0)), handler, limits, TOO_LONG, counts);
        return server.bound().get(0).port();
    }

    private static RequestLimits limits(int connections, int perSource, Duration deadline, int maxRequest) {
        return new RequestLimits(1000, 1000, connections, perSource, deadline, maxRequest);
    }

    @Test
    void connectionsPastTheCapsAreClosedAtOnceWhileOthersAreServed() throws Exception {
        require(SlowHttpClients.loopbackAliases(), "127.0.0.2 and 127.0.0.3 are not usable here");
        int port = start(limits(8, 4, Duration.ofSeconds(10), 64 * 1024), REVERSE);
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                open.add(servedConnection("127.0.0.2", port));
            }
            // the flooding source's fifth connection: closed without a byte read
            assertClosedAtOnce(connect("127.0.0.2", port));
            for (int i = 0; i < 4; i++) {
                open.add(servedConnection("127.0.0.1", port));
            }
            // eight open: a third source is refused too
            assertClosedAtOnce(connect("127.0.0.3", port));
            assertEquals(1, counts.count(Refusal.TCP_SOURCE_CONNECTION_LIMIT));
            assertEquals(1, counts.count(Refusal.TCP_CONNECTION_LIMIT));

            // a closed connection gives its slot back
            open.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (Socket s = connect("127.0.0.3", port)) {
                    return Arrays.equals(reversed(asReq(3)), exchange(s, asReq(3)));
                } catch (IOException e) {
                    return false;
                }
            });
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }

    @Test
    void aRequestDrippingInAByteAtATimeIsCutOffAtTheFrameDeadline() throws Exception {
        int port = start(limits(100, 100, Duration.ofSeconds(1), 64 * 1024), REVERSE);
        try (Socket s = connect("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(ByteBuffer.allocate(4).putInt(40).array());
            // one byte every 300 ms would take 12 s for the 40 announced; the idle timer (30 s) never fires
            int sent = 0;
            try {
                for (; sent < 20; sent++) {
                    out.write(0x6a);
                    out.flush();
                    Thread.sleep(300);
                }
            } catch (IOException closedByTheKdc) {
                // the connection was reset under the write: what we want
            }
            assertClosedAtOnce(s);
        }
        assertEquals(1, counts.count(Refusal.TCP_FRAME_DEADLINE));
        // the listener still serves
        try (Socket s = connect("127.0.0.1", port)) {
            assertArrayEquals(reversed(asReq(1)), exchange(s, asReq(1)));
        }
    }

    @Test
    void aLengthWithTheHighBitOrOverTheLimitGetsFieldTooLongAndTheConnectionCloses() throws Exception {
        int port = start(limits(100, 100, Duration.ofSeconds(10), 4096), REVERSE);
        for (int length : new int[] {0x80000010, 4097, Integer.MAX_VALUE}) {
            try (Socket s = connect("127.0.0.1", port)) {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeInt(length);
                out.write(new byte[] {0x6a, 0x03, 0x02, 0x01, 0x05});
                out.flush();
                KrbError error = KrbCodec.decode(readReply(s), KrbError.class);
                assertEquals(61, error.getErrorCode().getValue(), "KRB_ERR_FIELD_TOOLONG for " + length);
                assertClosedAtOnce(s);
            }
        }
        assertEquals(3, counts.count(Refusal.TCP_FRAME_TOO_LONG));
        try (Socket s = connect("127.0.0.1", port)) {
            byte[] largest = Arrays.copyOf(asReq(7), 4096);
            assertArrayEquals(reversed(largest), exchange(s, largest), "a request of exactly the limit is taken");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        // the first request takes a while, the second none: answered as they complete, the second would come first
        KdcRequestHandler slowFirst = (peer, transport, request) -> request[2] == 1
                ? CompletableFuture.supplyAsync(() -> reversed(request),
                        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS))
                : CompletableFuture.completedFuture(reversed(request));
        int port = start(limits(100, 100, Duration.ofSeconds(10), 64 * 1024), slowFirst);
        try (Socket s = connect("127.0.0.1", port)) {
            ByteBuffer both = ByteBuffer.allocate(2 * (4 + asReq(1).length));
            both.putInt(asReq(1).length).put(asReq(1)).putInt(asReq(2).length).put(asReq(2));
            s.getOutputStream().write(both.array());
            assertArrayEquals(reversed(asReq(1)), readReply(s), "first reply answers the first request");
            assertArrayEquals(reversed(asReq(2)), readReply(s));
        }
    }

    @Test
    void udpDatagramsThatAreNotKdcRequestsGetNoReplyWhileAnAsReqIsAnswered() throws Exception {
        int port = start(limits(100, 100, Duration.ofSeconds(10), 64 * 1024), REVERSE);
        InetSocketAddress kdc = new InetSocketAddress("127.0.0.1", port);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(IO_TIMEOUT_MS);
            // a forged-source reflection attempt: anything that is not [APPLICATION 10] or [APPLICATION 12]
            for (byte[] garbage : List.of("not kerberos".getBytes(), new byte[] {0x7e, 0x00},
                    new byte[] {0x30, 0x03, 0x02, 0x01, 0x05}, new byte[] {0x6b})) {
                socket.send(new DatagramPacket(garbage, garbage.length, kdc));
            }
            byte[] request = asReq(5);
            socket.send(new DatagramPacket(request, request.length, kdc));
            assertArrayEquals(reversed(request), receive(socket), "the first datagram back answers the AS-REQ");
            socket.setSoTimeout(500);
            assertThrows(SocketTimeoutException.class, () -> receive(socket), "nothing else comes back");
        }
        assertEquals(4, counts.count(Refusal.UDP_NOT_KERBEROS));
    }

    @Test
    void aTcpRequestThatIsNotAKdcRequestClosesTheConnectionWithoutAReply() throws Exception {
        int port = start(limits(100, 100, Duration.ofSeconds(10), 64 * 1024), REVERSE);
        try (Socket s = connect("127.0.0.1", port)) {
            byte[] garbage = "GET / HTTP/1.0\r\n\r\n".getBytes();
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(garbage.length);
            out.write(garbage);
            out.flush();
            assertClosedAtOnce(s);
        }
        assertEquals(1, counts.count(Refusal.TCP_NOT_KERBEROS));
    }

    /** A minimal stand-in for an AS-REQ: [APPLICATION 10] and a marker byte. */
    static byte[] asReq(int marker) {
        return new byte[] {0x6a, 0x03, (byte) marker, 0x01, 0x05};
    }

    static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    private static Socket connect(String from, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), IO_TIMEOUT_MS);
        s.setSoTimeout(IO_TIMEOUT_MS);
        return s;
    }

    /** A connection that got an answer, left open. */
    private static Socket servedConnection(String from, int port) throws IOException {
        Socket s = connect(from, port);
        assertArrayEquals(reversed(asReq(9)), exchange(s, asReq(9)), "served from " + from);
        return s;
    }

    static byte[] exchange(Socket s, byte[] request) throws IOException {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeInt(request.length);
        out.write(request);
        out.flush();
        return readReply(s);
    }

    private static byte[] readReply(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] reply = new byte[in.readInt()];
        in.readFully(reply);
        return reply;
    }

    /** The KDC closed the connection: end of stream (or a reset) well before the read timeout. */
    private static void assertClosedAtOnce(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            assertEquals(-1, in.read(), "connection closed by the KDC");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the KDC kept the connection open", e);
        } catch (IOException reset) {
            // closed with unread bytes: a reset, also closed
        }
    }

    private static byte[] receive(DatagramSocket socket) throws IOException {
        DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
        socket.receive(reply);
        return Arrays.copyOf(reply.getData(), reply.getLength());
    }
}
