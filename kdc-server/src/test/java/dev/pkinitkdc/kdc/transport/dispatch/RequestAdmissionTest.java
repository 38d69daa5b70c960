package dev.pkinitkdc.kdc.transport.dispatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkinitkdc.conf.RequestLimits;
import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.kdc.stage.encode.KrbErrorEncoder;
import dev.pkinitkdc.kdc.support.telemetry.TransportCounts.Shed;
import dev.pkinitkdc.kdc.support.telemetry.TransportCounts;
import dev.pkinitkdc.kdc.transport.KdcRequestHandler;
import dev.pkinitkdc.kdc.transport.KdcServer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.base.KrbError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Load shedding on a real listener: a flooding source (127.0.0.2) whose requests the pipeline holds (as a slow
 * directory or a CPU-bound queue would) fills only its own share; past its cap, and past the total cap, requests
 * are answered at once with KDC_ERR_SVC_UNAVAILABLE (29), counted, and served again once the queue drains.
 */
@EnabledOnOs(OS.LINUX)   // other loopback addresses than 127.0.0.1 are source addresses only on Linux
class RequestAdmissionTest {
    private static final String FLOODER = "127.0.0.2";
    private static final String OTHER_FLOODER = "127.0.0.3";
    private static final String CLIENT = "127.0.0.1";

    /** Requests from the flooders wait here until released; everyone else's are answered at once. */
    private final CompletableFuture<Void> floodReleased = new CompletableFuture<>();
    private final KdcRequestHandler pipeline = (peer, transport, request) -> {
        byte[] reply = ("answer:" + request[2]).getBytes();
        String from = peer.getAddress().getHostAddress();
        return from.equals(CLIENT) ? CompletableFuture.completedFuture(reply)
                : floodReleased.thenApply(v -> reply);
    };
    private final TransportCounts counts = new TransportCounts();
    private KdcServer server;

    @AfterEach
    void stop() {
        floodReleased.complete(null);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aFloodFillsOnlyItsShareAndPastTheCapsRequestsGet29UnprocessedThenServiceResumes() throws Exception {
        RequestLimits limits = new RequestLimits(3, 2, 100, 100, Duration.ofSeconds(10), 64 * 1024);
        RequestAdmission admission = new RequestAdmission(pipeline, limits, new KrbErrorEncoder("LAB.EXAMPLE"),
                Clock.systemUTC(), counts);
        server = KdcServer.start(List.of(new KdcServer.Listen(Transport.UDP, "127.0.0.1", 0)), admission, limits,
                text -> new byte[0], counts);
        InetSocketAddress kdc = new InetSocketAddress("127.0.0.1", server.bound().get(0).port());
        try (DatagramSocket flooder = socket(FLOODER); DatagramSocket other = socket(OTHER_FLOODER);
             DatagramSocket client = socket(CLIENT)) {
            send(flooder, kdc, 1);
            send(flooder, kdc, 2);
            send(flooder, kdc, 3);   // its third while two are pending: over max_pending_requests_per_source
            assertEquals(29, errorCode(receive(flooder)));
            assertEquals(1, counts.count(Shed.SOURCE_BUSY));

            // the legitimate client is still served while the flood is pending
            send(client, kdc, 4);
            assertArrayEquals("answer:4".getBytes(), receive(client));

            send(other, kdc, 5);     // three pending now: the queue is full
            send(client, kdc, 6);
            assertEquals(29, errorCode(receive(client)));
            assertEquals(1, counts.count(Shed.QUEUE_FULL));
            assertEquals(3, admission.pending());

            floodReleased.complete(null);
            assertEquals(List.of("answer:1", "answer:2"), java.util.stream.Stream.of(receive(flooder),
                    receive(flooder)).map(String::new).sorted().toList());
            assertArrayEquals("answer:5".getBytes(), receive(other));
            send(client, kdc, 7);
            assertArrayEquals("answer:7".getBytes(), receive(client), "served again once the queue drained");
            assertEquals(0, admission.pending());
        }
    }

    @Test
    void theShedReplyIsAKrbErrorSmallerThanAnAsReq() throws Exception {
        RequestAdmission full = new RequestAdmission(pipeline, new RequestLimits(1, 1, 1, 1, Duration.ofSeconds(1),
                4096), new KrbErrorEncoder("LAB.EXAMPLE"), Clock.systemUTC(), counts);
        InetSocketAddress peer = new InetSocketAddress(FLOODER, 88);
        full.handle(peer, Transport.UDP, new byte[] {0x6a, 0, 1});
        byte[] shed = full.handle(peer, Transport.UDP, new byte[] {0x6a, 0, 2}).get(5, TimeUnit.SECONDS);
        assertEquals(29, errorCode(shed));
        // a PKINIT AS-REQ carries a certificate and a signature: well over 1000 bytes
        assertEquals(true, shed.length < 200, shed.length + " bytes");
    }

    private static int errorCode(byte[] reply) {
        try {
            return KrbCodec.decode(reply, KrbError.class).getErrorCode().getValue();
        } catch (Exception e) {
            throw new AssertionError("not a KRB-ERROR: " + new String(reply), e);
        }
    }

    private static DatagramSocket socket(String from) throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(from, 0));
        s.setSoTimeout(5000);
        return s;
    }

    private static void send(DatagramSocket socket, InetSocketAddress kdc, int marker) throws IOException {
        byte[] request = {0x6a, 0x03, (byte) marker, 0x01, 0x05};
        socket.send(new DatagramPacket(request, request.length, kdc));
    }

    private static byte[] receive(DatagramSocket socket) throws IOException {
        DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
        socket.receive(reply);
        return Arrays.copyOf(reply.getData(), reply.getLength());
    }
}
