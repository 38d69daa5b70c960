package dev.pkinitkdc.kdc.transport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Misbehaving HTTP clients on real loopback sockets, what an attacker points at a small HTTP server: connections that
 * send half a request and stop, one that drips a request a byte every 200 ms, and one that announces a huge body and
 * keeps sending it. Every loop is bounded; {@link #close} closes whatever is still open.
 */
public final class SlowHttpClients implements AutoCloseable {
    private static final int READ_POLL_MS = 100;
    /** Bytes the drip sends at most (one each 200 ms: 60 s), so a server that never cuts it ends the loop too. */
    private static final int MAX_DRIP = 300;

    private final InetSocketAddress server;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    public SlowHttpClients(InetSocketAddress server) {
        this.server = server;
    }

    /** A connection from {@code source} (a loopback address) that has sent nothing yet. */
    public Socket connect(String source) throws IOException {
        Socket s = new Socket();
        synchronized (sockets) {
            sockets.add(s);
        }
        s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        s.connect(server, 5000);
        s.setSoTimeout(READ_POLL_MS);
        return s;
    }

    /** A connection that has sent {@code head} (say, half of a request's headers) and then nothing more. */
    public Socket half(String head) throws IOException {
        Socket s = connect("127.0.0.1");
        s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        return s;
    }

    /**
     * A connection that sends {@code request} one byte every 200 ms from a thread of its own, until the server
     * closes it or {@link #MAX_DRIP} bytes are sent; {@code sent} counts the bytes written.
     */
    public Socket drip(String request, AtomicInteger sent) throws IOException {
        Socket s = connect("127.0.0.1");
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        Thread t = new Thread(() -> {
            try {
                OutputStream out = s.getOutputStream();
                for (int i = 0; i < Math.min(bytes.length, MAX_DRIP); i++) {
                    out.write(bytes[i]);
                    out.flush();
                    sent.incrementAndGet();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException e) {
                // the server closed it (or the test is over)
            }
        }, "drip");
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return s;
    }

    /**
     * Sends {@code head} (headers announcing a body of {@code announced} bytes) and then body bytes in 64 KiB writes
     * until the server stops taking them (it closed the connection) or {@code announced} bytes are sent.
     *
     * @return the body bytes the server took before it closed the connection
     */
    public static long sendUntilRefused(Socket s, String head, long announced) {
        byte[] chunk = new byte[64 * 1024];
        long sent = 0;
        try {
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            while (sent < announced) {
                out.write(chunk);
                sent += chunk.length;
            }
        } catch (IOException e) {
            // broken pipe or reset: the server closed it
        }
        return sent;
    }

    /** Whatever the server sent on {@code s} until it closed it (bounded by {@code within}). */
    public static String readUntilClosed(Socket s, Duration within) {
        StringBuilder seen = new StringBuilder();
        await().atMost(within).until(() -> closedAfterReading(s, seen));
        return seen.toString();
    }

    /** Waits (at most {@code within}) until the server has closed {@code s}: EOF, or a reset. */
    public static void awaitClosedByServer(Socket s, Duration within) {
        readUntilClosed(s, within);
    }

    private static boolean closedAfterReading(Socket s, StringBuilder seen) {
        try {
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[4096];
            for (int i = 0; i < 64; i++) {
                int n = in.read(buffer);
                if (n < 0) {
                    return true;
                }
                seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;   // connection reset: closed as well
        }
    }

    @Override
    public void close() throws IOException {
        threads.forEach(Thread::interrupt);
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
