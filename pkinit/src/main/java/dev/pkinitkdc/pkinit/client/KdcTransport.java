package dev.pkinitkdc.pkinit.client;

import dev.pkinitkdc.pkinit.asn1.KrbErrorEncoding;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;

/** Sends one Kerberos message to a KDC and returns the answer (RFC 4120 7.2.1 UDP, 7.2.2 TCP). */
public final class KdcTransport {
    private static final int MAX_TCP_MESSAGE = 1 << 24;
    /** RFC 4120 7.5.9. */
    public static final int KRB_ERR_RESPONSE_TOO_BIG = 52;

    private KdcTransport() {
    }

    /** TCP: each message is preceded by its length as 4 bytes big-endian; the high bit is reserved (0). */
    public static byte[] exchangeTcp(InetSocketAddress kdc, byte[] request, Duration timeout) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(kdc, (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(request.length);
            out.write(request);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int length = in.readInt();
            if (length < 0 || length > MAX_TCP_MESSAGE) {
                throw new IOException("bad TCP record length " + (length & 0xffffffffL));
            }
            byte[] reply = new byte[length];
            in.readFully(reply);
            return reply;
        }
    }

    /**
     * RFC 4120 7.2.1: UDP first, and when the KDC answers KRB_ERR_RESPONSE_TOO_BIG (52) the same request again over
     * TCP, as MIT and Heimdal clients do.
     */
    public static byte[] exchangeUdpThenTcp(InetSocketAddress kdc, byte[] request, Duration timeout)
            throws IOException {
        byte[] reply = exchangeUdp(kdc, request, timeout);
        return errorCode(reply) == KRB_ERR_RESPONSE_TOO_BIG ? exchangeTcp(kdc, request, timeout) : reply;
    }

    /** The error-code of a KRB-ERROR (RFC 4120 5.9.1), or -1 for any other message. */
    public static int errorCode(byte[] reply) {
        return KrbErrorEncoding.errorCode(reply).orElse(-1);
    }

    /** UDP: one datagram each way, no framing. */
    public static byte[] exchangeUdp(InetSocketAddress kdc, byte[] request, Duration timeout) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout((int) timeout.toMillis());
            s.send(new DatagramPacket(request, request.length, kdc));
            byte[] buf = new byte[65535];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            s.receive(p);
            return Arrays.copyOf(p.getData(), p.getLength());
        }
    }
}
