package dev.pkinitkdc.mapping.testing;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldif.LDIFReader;
import dev.pkinitkdc.pkinit.testing.Processes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenLDAP {@code slapd} for tests, run as the current user on 127.0.0.1: a temp directory with a
 * generated slapd.conf ({@link SlapdConf}), the shipped {@code ad-lite.schema} and an mdb database for the base
 * DN loaded with {@code slapadd} before the first start. It listens on {@code ldap://} and, with
 * {@link ServerTls}, also on {@code ldaps://} (StartTLS then works on the {@code ldap://} port too); ports are
 * chosen at run time and kept across {@link #stop()}/{@link #start()}, so a test can simulate an outage.
 * Needs {@code /usr/sbin/slapd} (package slapd; {@code scripts/install-test-deps.sh} installs it).
 */
public final class Slapd implements AutoCloseable {
    public static final Path SLAPD = Path.of("/usr/sbin/slapd");
    public static final Path SLAPADD = Path.of("/usr/sbin/slapadd");
    private static final String SCHEMA_RESOURCE = "/schema/ad-lite.schema";
    private static final Duration START_WAIT = Duration.ofSeconds(20);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final InetAddress LOOPBACK = loopback();

    private final SlapdConf conf;
    private final int ldapPort;
    private final int ldapsPort;
    private final Thread reaper = new Thread(this::kill, "slapd-reaper");
    private Process process;

    private Slapd(SlapdConf conf, int ldapPort, int ldapsPort) {
        this.conf = conf;
        this.ldapPort = ldapPort;
        this.ldapsPort = ldapsPort;
    }

    /** Whether slapd and slapadd are installed. */
    public static boolean installed() {
        return Files.isExecutable(SLAPD) && Files.isExecutable(SLAPADD);
    }

    /** A started slapd holding {@code ldif} (RFC 2849; its entries must fit the schemas) under {@code baseDn}. */
    public static Slapd start(String baseDn, String ldif, Optional<ServerTls> tls) throws IOException {
        if (!installed()) {
            throw new IllegalStateException(SLAPD + " is not installed; run scripts/install-test-deps.sh");
        }
        Path dir = Files.createTempDirectory("slapd-");
        Path schema = dir.resolve("ad-lite.schema");
        try (InputStream in = Slapd.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the class path");
            }
            Files.copy(in, schema);
        }
        SlapdConf conf = new SlapdConf(dir, schema, baseDn, "CN=admin," + baseDn,
                HexFormat.of().formatHex(new SecureRandom().generateSeed(12)), tls);
        Files.writeString(conf.file(), conf.render());
        Files.createDirectories(conf.database());
        Path data = dir.resolve("data.ldif");
        Files.writeString(data, ldif);
        run(dir, List.of(SLAPADD.toString(), "-f", conf.file().toString(), "-l", data.toString()));
        Slapd slapd = new Slapd(conf, freePort(), tls.isPresent() ? freePort() : 0);
        try {
            slapd.start();
        } catch (IOException | RuntimeException e) {
            slapd.close();
            throw e;
        }
        return slapd;
    }

    public URI ldapUrl() {
        return URI.create("ldap://127.0.0.1:" + ldapPort);
    }

    /** @throws IllegalStateException without TLS */
    public URI ldapsUrl() {
        if (ldapsPort == 0) {
            throw new IllegalStateException("slapd was started without TLS");
        }
        return URI.create("ldaps://127.0.0.1:" + ldapsPort);
    }

    public String rootDn() {
        return conf.rootDn();
    }

    public String rootPassword() {
        return conf.rootPassword();
    }

    /** slapd's stdout and stderr. */
    public Path log() {
        return conf.dir().resolve("slapd.log");
    }

    /** Adds entries (LDIF) as the root DN. */
    public void add(String ldif) throws Exception {
        try (LDAPConnection connection = new LDAPConnection("127.0.0.1", ldapPort, rootDn(), rootPassword());
             LDIFReader reader = new LDIFReader(new ByteArrayInputStream(ldif.getBytes(StandardCharsets.UTF_8)))) {
            for (com.unboundid.ldap.sdk.Entry entry = reader.readEntry(); entry != null; entry = reader.readEntry()) {
                connection.add(entry);
            }
        }
    }

    /** Starts slapd (again) on the same ports and waits, at most 20 s, until it accepts connections. */
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> urls = new ArrayList<>(List.of(ldapUrl() + "/"));
        if (ldapsPort != 0) {
            urls.add(ldapsUrl() + "/");
        }
        // -d: stay in the foreground (no fork), so this process is slapd itself and can be stopped; "stats" logs
        // configuration errors and one line per connection and operation
        process = new ProcessBuilder(SLAPD.toString(), "-f", conf.file().toString(), "-h", String.join(" ", urls),
                "-d", "stats")
                .directory(conf.dir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .start();
        Runtime.getRuntime().addShutdownHook(reaper);
        awaitListening();
    }

    /** SIGTERM, then SIGKILL after 10 s; waits until the process is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        kill();
        process = null;
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is shutting down
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(conf.dir())) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void kill() {
        Processes.stop(process, STOP_WAIT);
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("slapd exited with " + process.exitValue() + ": " + logText());
            }
            if (accepts(ldapPort) && (ldapsPort == 0 || accepts(ldapsPort))) {
                return;
            }
            sleep(Duration.ofMillis(50));
        }
        stop();
        throw new IOException("slapd did not listen within " + START_WAIT + ": " + logText());
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String logText() throws IOException {
        return Files.exists(log()) ? Files.readString(log()) : "(no log)";
    }

    private static void run(Path dir, List<String> command) throws IOException {
        Path out = dir.resolve(Path.of(command.get(0)).getFileName() + ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command + " did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(command + " interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(command + " exited with " + p.exitValue() + ": " + Files.readString(out));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for slapd", e);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
