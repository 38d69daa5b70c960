package dev.pkinitkdc.revocation.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on 127.0.0.1 that accepts TCP connections and never sends a byte: a responder or distribution point
 * that hangs, to show that fetches are bounded by their timeout.
 */
public final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    public SilentServer() {
        try {
            socket = new ServerSocket(0, 50, LoopbackPorts.LOOPBACK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::acceptUntilClosed, "silent-server-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
    }

    /** How many connections were accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    private void acceptUntilClosed() {
        while (!socket.isClosed()) {
            try {
                held.add(socket.accept());
                accepted.incrementAndGet();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
