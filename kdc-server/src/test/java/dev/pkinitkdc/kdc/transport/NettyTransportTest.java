package dev.pkinitkdc.kdc.transport;

import static dev.pkinitkdc.pkinit.testing.Prerequisites.require;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkinitkdc.conf.RequestLimits;
import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.kdc.support.netty.NettyTransport;
import dev.pkinitkdc.kdc.support.telemetry.TransportCounts;
import io.netty.channel.epoll.Epoll;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The KDC's listeners answer over TCP (RFC 4120 7.2.2 framing) and UDP (7.2.1) on either Netty transport. */
class NettyTransportTest {
    /** Answers "TRANSPORT:request" so a reply shows which listener took it. */
    private static final KdcRequestHandler ECHO = (peer, transport, request) -> CompletableFuture.completedFuture(
            (transport.scheme() + ":" + new String(request, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII));

    @ParameterizedTest
    @EnumSource(NettyTransport.class)
    void answersOverTcpAndUdpThenStopsAcceptingConnections(NettyTransport transport) throws Exception {
        require(transport != NettyTransport.EPOLL || Epoll.isAvailable(),
                "Netty's native epoll does not load here: " + Epoll.unavailabilityCause());
        KdcServer server = KdcServer.start(List.of(new KdcServer.Listen(Transport.TCP, "127.0.0.1", 0),
                new KdcServer.Listen(Transport.UDP, "127.0.0.1", 0)), ECHO, RequestLimits.defaults(), text -> new byte[0],
                new TransportCounts(), transport);
        try {
            int port = server.bound().get(0).port();
            assertEquals(port, server.bound().get(1).port(), "UDP on the TCP port");
            // 'j' is 0x6a, [APPLICATION 10]: the listeners pass on only what starts like an AS-REQ or TGS-REQ
            assertEquals("tcp:j-as-req", tcp(port, "j-as-req"));
            assertEquals("tcp:j-second", tcp(port, "j-second"));
            assertEquals("udp:j-as-req", udp(port, "j-as-req"));

            // a reply can reach the client just before the server counts its write done
            assertEquals(0, server.awaitInFlight(Duration.ofSeconds(5)));
            assertEquals(0, server.stopAccepting());
            assertThrows(IOException.class, () -> tcp(port, "j-late"), "the TCP listener is closed");
        } finally {
            server.close();
        }
    }

    private static String tcp(int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(bytes.length);
            out.write(bytes);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] reply = new byte[in.readInt()];
            in.readFully(reply);
            return new String(reply, StandardCharsets.US_ASCII);
        }
    }

    private static String udp(int port, String request) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(5000);
            byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", port)));
            DatagramPacket reply = new DatagramPacket(new byte[1024], 1024);
            socket.receive(reply);
            byte[] data = new byte[reply.getLength()];
            System.arraycopy(reply.getData(), 0, data, 0, data.length);
            return new String(data, StandardCharsets.US_ASCII);
        }
    }
}
