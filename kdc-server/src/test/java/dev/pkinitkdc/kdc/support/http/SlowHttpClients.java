package dev.pkinitkdc.kdc.support.http;

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
import java.util.concurrent.CompletableFuture;
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
    /** The connections {@link #half} and {@link #drip} opened. */
    private final List<Socket> stalled = new ArrayList<>();
    private final AtomicInteger dripped = new AtomicInteger();
    private int dripLength;

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
        stalled.add(s);
        return s;
    }

    /**
     * A connection that sends {@code request} one byte every 200 ms from a thread of its own, until the server
     * closes it or {@link #MAX_DRIP} bytes are sent (one drip per instance).
     */
    public Socket drip(String request) throws IOException {
        Socket s = connect("127.0.0.1");
        stalled.add(s);
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        dripLength = bytes.length;
        AtomicInteger sent = dripped;
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
     * Posts {@code head} (request line and headers, without Content-Length and the empty line) announcing a 100 MiB
     * body and sends it; the server must answer 413 and close, having taken less than a quarter of the body.
     */
    public void awaitTooLargeRefused(String head, Duration within) throws IOException {
        long announced = 100L * 1024 * 1024;
        Socket s = connect("127.0.0.1");
        CompletableFuture<Long> taken = CompletableFuture.supplyAsync(() -> sendUntilRefused(s,
                head + "Content-Length: " + announced + "\r\n\r\n", announced));
        String reply = readUntilClosed(s, within);
        if (!reply.startsWith("HTTP/1.1 413 ")) {
            throw new AssertionError("not a 413: " + reply);
        }
        long sent = await().atMost(within).until(() -> taken.getNow(null), v -> v != null);
        if (sent >= announced / 4) {
            throw new AssertionError("the server took " + sent + " bytes of the body");
        }
    }

    /**
     * Sends {@code head} (headers announcing a body of {@code announced} bytes) and then body bytes in 64 KiB writes
     * until the server stops taking them (it closed the connection) or {@code announced} bytes are sent.
     *
     * @return the body bytes the server took before it closed the connection
     */
    private static long sendUntilRefused(Socket s, String head, long announced) {
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

    /**
     * Waits (at most {@code within} each) until the server has closed every connection {@link #half} and
     * {@link #drip} opened, and checks the drip was cut before its request was whole.
     */
    public void awaitStalledClosedByServer(Duration within) {
        for (Socket s : stalled) {
            awaitClosedByServer(s, within);
        }
        if (dripLength > 0 && dripped.get() >= dripLength) {
            throw new AssertionError("the drip was not cut: all " + dripLength + " bytes were taken");
        }
    }

    /** Whether 127.0.0.2 and 127.0.0.3 can be bound here (other sources on loopback). */
    public static boolean loopbackAliases() {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
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
