package dev.pkinitkdc.revocation.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1 for test servers, chosen at run time. */
public final class LoopbackPorts {
    public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private LoopbackPorts() {
    }

    /** A port nothing listens on right now. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
