package dev.pkinitkdc.it;

import dev.pkinitkdc.pkinit.client.KdcTransport;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kerberos-over-TCP relay (RFC 4120 7.2.2 framing) between a client and the lab KDC that keeps each reply as it
 * crossed the wire, so a test can read what a client that prints little (Heimdal) was sent.
 */
final class KdcWireTap implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_RECORD = 1 << 20;

    private final ServerSocket listener;
    private final InetSocketAddress kdc;
    private final List<byte[]> replies = new ArrayList<>();
    private final Thread relay;

    KdcWireTap(String host, int kdcPort) throws IOException {
        listener = new ServerSocket(0, 5, InetAddress.getByName(host));
        kdc = new InetSocketAddress(host, kdcPort);
        relay = new Thread(this::serve, "kdc-wire-tap");
        relay.setDaemon(true);
        relay.start();
    }

    /** {@code tcp/host:port} for a krb5.conf {@code kdc} line. */
    String kdcAddress() {
        return "tcp/" + listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort();
    }

    synchronized List<byte[]> replies() {
        return List.copyOf(replies);
    }

    private void serve() {
        while (!listener.isClosed()) {
            try (Socket client = listener.accept()) {
                client.setSoTimeout((int) TIMEOUT.toMillis());
                DataInputStream in = new DataInputStream(client.getInputStream());
                int length = in.readInt();
                if (length < 0 || length > MAX_RECORD) {
                    continue;
                }
                byte[] request = in.readNBytes(length);
                byte[] reply = KdcTransport.exchangeTcp(kdc, request, TIMEOUT);
                synchronized (this) {
                    replies.add(reply);
                }
                DataOutputStream out = new DataOutputStream(client.getOutputStream());
                out.writeInt(reply.length);
                out.write(reply);
                out.flush();
            } catch (IOException e) {
                // listener closed, or a client gave up: the next accept decides
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
