package dev.pkinitkdc.revocation.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;

/**
 * An HTTP/1.1 server on 127.0.0.1 (plain sockets, one thread per connection) that misbehaves on demand: a huge
 * body generated on the fly, a body dripped one byte at a time, hanging before or after the headers, redirects.
 * It reads each request (headers and a Content-Length body) and then behaves as told, and it notices when the
 * client closes the connection: {@link #closedByClient()} counts connections the client closed while the server
 * was still sending or waiting. It counts the connections it is serving now and the most at once: a connection
 * counts from its accept until the server starts writing the end of its answer (so a client that goes on to the
 * next connection once it has the answer is never counted twice) or until it ends. Every behaviour ends within
 * {@link #LIMIT} or when the server is closed.
 */
public final class MisbehavingHttpServer implements AutoCloseable {
    public static final Duration LIMIT = Duration.ofSeconds(60);
    static final String THREAD_PREFIX = "misbehaving-http";
    private static final byte[] CHUNK = new byte[64 * 1024];
    static {
        Arrays.fill(CHUNK, (byte) '0');
    }

    /** What the server does once it has read a request. */
    @FunctionalInterface
    public interface Behaviour {
        void answer(String requestLine, Socket socket, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket listening;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();
    private final AtomicLong bytesSent = new AtomicLong();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour;

    public MisbehavingHttpServer(Behaviour behaviour) {
        this.behaviour = behaviour;
        try {
            listening = new ServerSocket(0, 100, LoopbackPorts.LOOPBACK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::acceptUntilClosed, THREAD_PREFIX + "-" + listening.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public MisbehavingHttpServer behave(Behaviour next) {
        this.behaviour = next;
        return this;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + listening.getLocalPort() + path);
    }

    public int port() {
        return listening.getLocalPort();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections being served now (accepted, not yet answered or closed). */
    public int connections() {
        return connections.get();
    }

    /** The most connections served at once. */
    public int mostAtOnce() {
        return mostAtOnce.get();
    }

    /** Connections the client closed while the server still had something to send or was waiting. */
    public int closedByClient() {
        return closedByClient.get();
    }

    /** Waits (at most 10 s) until the client has closed {@code count} connections and none is being served. */
    public void awaitClosedByClient(int count) {
        Awaitility.await("the server sees the client close its connection").atMost(Duration.ofSeconds(10))
                .until(() -> closedByClient() >= count && connections() == 0);
    }

    /** Body bytes written (accepted by the kernel) so far, over all connections. */
    public long bytesSent() {
        return bytesSent.get();
    }

    /** The request lines received ("GET /ca.crl HTTP/1.1"), in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    // --- behaviours ---

    /** 200 with {@code bytes} zero bytes generated on the fly; {@code announce}: with a Content-Length. */
    public static Behaviour huge(long bytes, boolean announce) {
        return (request, socket, out) -> {
            out.write(head(200, announce ? "Content-Length: " + bytes : "Connection: close"));
            for (long left = bytes; left > 0 && !deadlinePassed(socket); ) {
                int n = (int) Math.min(CHUNK.length, left);
                out.write(CHUNK, 0, n);
                count(n);
                left -= n;
            }
            out.flush();
            if (!announce) {
                socket.shutdownOutput();   // the end of a body without a length
            }
        };
    }

    /** {@code status} headers without a length, then one byte every {@code every}, {@code length} bytes in all. */
    public static Behaviour drip(int status, long length, Duration every) {
        return trickle(status, length, 1, every);
    }

    /**
     * {@code status} headers without a length (the body ends when the connection does), then {@code chunk} bytes
     * every {@code every}, {@code length} bytes in all.
     */
    public static Behaviour trickle(int status, long length, int chunk, Duration every) {
        return (request, socket, out) -> {
            out.write(head(status, "Connection: close"));
            out.flush();
            for (long left = length; left > 0 && !deadlinePassed(socket); left -= chunk) {
                Thread.sleep(every.toMillis());
                int n = (int) Math.min(chunk, left);
                out.write(CHUNK, 0, n);
                out.flush();
                count(n);
            }
        };
    }

    /** Headers of a 200 with a 1000-byte body, then nothing until the client gives up. */
    public static Behaviour hangAfterHeaders() {
        return (request, socket, out) -> {
            out.write(head(200, "Content-Length: 1000"));
            out.flush();
            waitForClose(socket);
        };
    }

    /** Nothing at all until the client gives up. */
    public static Behaviour hang() {
        return (request, socket, out) -> waitForClose(socket);
    }

    /** {@code status} with {@code body}, then the connection is closed. */
    public static Behaviour answer(int status, byte[] body, String... headers) {
        return (request, socket, out) -> {
            answering();
            String[] all = Arrays.copyOf(headers, headers.length + 2);
            all[headers.length] = "Content-Length: " + body.length;
            all[headers.length + 1] = "Connection: close";
            out.write(head(status, all));
            out.write(body);
            out.flush();
            count(body.length);
            socket.shutdownOutput();
        };
    }

    /** {@code status} with a body that never ends (a client must not read it). */
    public static Behaviour endless(int status, String... headers) {
        return (request, socket, out) -> {
            String[] all = Arrays.copyOf(headers, headers.length + 1);
            all[headers.length] = "Connection: close";
            out.write(head(status, all));
            while (!deadlinePassed(socket)) {
                out.write(CHUNK);
                count(CHUNK.length);
            }
        };
    }

    /** A redirect to {@code location}, with an endless body after the headers. */
    public static Behaviour redirect(int status, String location) {
        return endless(status, "Location: " + location);
    }

    /** Waits (at most {@link #LIMIT}) until {@code gate} opens, then behaves as {@code then}. */
    public static Behaviour held(CountDownLatch gate, Behaviour then) {
        return (request, socket, out) -> {
            gate.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            then.answer(request, socket, out);
        };
    }

    /** The first behaviour for requests whose path starts with {@code prefix}, the other otherwise. */
    public static Behaviour byPath(String prefix, Behaviour matching, Behaviour otherwise) {
        return (request, socket, out) -> {
            String path = request.split(" ")[1];
            (path.startsWith(prefix) ? matching : otherwise).answer(request, socket, out);
        };
    }

    public static byte[] head(int status, String... headers) {
        StringBuilder text = new StringBuilder("HTTP/1.1 " + status + " Whatever\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        return text.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    // --- machinery ---

    private static final ThreadLocal<MisbehavingHttpServer> SERVING = new ThreadLocal<>();
    private static final ThreadLocal<Long> ACCEPTED_AT = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> ANSWERED = ThreadLocal.withInitial(() -> false);

    /** The connection is no longer counted as being served: its answer is about to be written. */
    private static void answering() {
        if (!ANSWERED.get()) {
            ANSWERED.set(true);
            SERVING.get().connections.decrementAndGet();
        }
    }

    private static void count(long n) {
        SERVING.get().bytesSent.addAndGet(n);
    }

    private static boolean deadlinePassed(Socket socket) {
        return System.nanoTime() - ACCEPTED_AT.get() > LIMIT.toNanos() || socket.isClosed();
    }

    /** Reads until the client closes (or the limit passes): a hanging server that still notices a close. */
    private static void waitForClose(Socket socket) throws IOException {
        socket.setSoTimeout(200);
        InputStream in = socket.getInputStream();
        while (!deadlinePassed(socket)) {
            try {
                if (in.read() == -1) {
                    throw new IOException("closed by the client");
                }
            } catch (java.net.SocketTimeoutException e) {
                // still open
            }
        }
    }

    private void acceptUntilClosed() {
        while (!listening.isClosed()) {
            Socket socket;
            try {
                socket = listening.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            open.add(socket);
            mostAtOnce.accumulateAndGet(connections.incrementAndGet(), Math::max);
            Thread serving = new Thread(() -> serve(socket), THREAD_PREFIX + "-conn-" + accepted.get());
            serving.setDaemon(true);
            serving.start();
        }
    }

    private void serve(Socket socket) {
        SERVING.set(this);
        ACCEPTED_AT.set(System.nanoTime());
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (!deadlinePassed(socket)) {
                String requestLine = readRequest(in);
                if (requestLine == null) {
                    return;                        // the client closed an idle keep-alive connection
                }
                requests.add(requestLine);
                behaviour.answer(requestLine, socket, out);
            }
        } catch (IOException e) {
            if (!listening.isClosed()) {
                closedByClient.incrementAndGet();   // a write or read failed: the client went away
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(socket);
            answering();
        }
    }

    /** The request line, after reading the headers and a Content-Length body; null at a clean end of stream. */
    private static String readRequest(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        String requestLine = null;
        long length = 0;
        while (true) {
            int c = in.read();
            if (c == -1) {
                if (requestLine == null && line.length() == 0) {
                    return null;
                }
                throw new IOException("closed in the middle of a request");
            }
            if (c == '\n') {
                String text = line.toString().trim();
                line.setLength(0);
                if (text.isEmpty()) {
                    if (requestLine == null) {
                        continue;
                    }
                    in.readNBytes((int) length);
                    return requestLine;
                }
                if (requestLine == null) {
                    requestLine = text;
                } else if (text.toLowerCase().startsWith("content-length:")) {
                    length = Long.parseLong(text.substring(15).trim());
                }
            } else if (line.length() < 16384) {
                line.append((char) c);
            }
        }
    }

    @Override
    public void close() {
        try {
            listening.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
