package dev.pkinitkdc.revocation.testing;

import static org.awaitility.Awaitility.await;

import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.testing.Prerequisites;
import dev.pkinitkdc.pkinit.testing.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * A real OCSP responder for tests: {@code openssl ocsp -port} (OpenSSL 3) run as a process over an
 * {@link OpensslIndex} on all interfaces (OpenSSL 3.0 cannot bind one), signing with the given responder certificate and key (the CA itself, or a delegated
 * responder; OpenSSL does not check which). Its port is chosen when the object is made, so certificates can name
 * {@link #url()} in their AIA before the responder starts; {@link #stop()} and {@link #start} simulate outages.
 *
 * <pre>{@code
 * try (OpensslOcspResponder responder = new OpensslOcspResponder()) {
 *     CertifiedKey user = CertificateBuilder.withNewKey("CN=alice").ocspUrl(responder.url().toString()).issuedBy(ca);
 *     responder.start(ca, ca, new OpensslIndex().valid(user.certificate()), Duration.ofMinutes(10));
 *     ...
 * }
 * }</pre>
 */
public final class OpensslOcspResponder implements AutoCloseable {
    public static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final Duration START_WAIT = Duration.ofSeconds(20);
    private static final String LISTENING = "waiting for OCSP client connections";
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final Path dir;
    private final int port;
    private Process process;

    public OpensslOcspResponder() {
        try {
            this.dir = Files.createTempDirectory("openssl-ocsp-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.port = LoopbackPorts.free();
    }

    public static boolean installed() {
        return Files.isExecutable(OPENSSL);
    }

    /** Skips the test where openssl is not installed, or fails it in CI ({@link Prerequisites}). */
    public static void requireInstalled() {
        Prerequisites.require(installed(), OPENSSL + " is not installed");
    }

    /** {@code http://127.0.0.1:PORT/}, valid before {@link #start} too. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public int port() {
        return port;
    }

    /** openssl's stdout and stderr. */
    public Path log() {
        return dir.resolve("ocsp.log");
    }

    /**
     * Writes the files and starts {@code openssl ocsp}, waiting at most 20 s until it accepts connections.
     *
     * @param ca the CA whose certificates the responder answers for ({@code -CA})
     * @param signer the responder certificate and key ({@code -rsigner}, {@code -rkey}); {@code ca} for CA-signed
     * @param nextUpdate the responses' nextUpdate distance ({@code -nmin}, whole minutes), or zero for none
     */
    public synchronized void start(CertifiedKey ca, CertifiedKey signer, OpensslIndex index, Duration nextUpdate) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("openssl ocsp is already running on port " + port);
        }
        try {
            Files.deleteIfExists(log());
            Files.writeString(dir.resolve("index.txt"), index.render());
            writePem(dir.resolve("ca.pem"), ca.certificate());
            writePem(dir.resolve("signer.pem"), signer.certificate());
            writePem(dir.resolve("signer.key"), signer.privateKey());
            List<String> command = new ArrayList<>(List.of(OPENSSL.toString(), "ocsp", "-index", "index.txt",
                    "-port", Integer.toString(port), "-rsigner", "signer.pem", "-rkey", "signer.key",
                    "-CA", "ca.pem", "-ignore_err"));
            if (!nextUpdate.isZero()) {
                command.addAll(List.of("-nmin", Long.toString(nextUpdate.toMinutes())));
            }
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process started = process;
        // Not a probe connection: OpenSSL 3.0's responder spins on a connection closed without a request and then
        // serves nobody. It prints this line once it listens.
        await("openssl ocsp listening on " + port).atMost(START_WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("openssl ocsp exited with " + started.exitValue() + ": "
                                + Files.readString(log()));
                    }
                    return Files.readString(log()).contains(LISTENING);
                });
    }

    /** SIGTERM, then SIGKILL after 10 s; returns when the process is gone. */
    public synchronized void stop() {
        Process p = process;
        process = null;
        Processes.stop(p, STOP_WAIT);
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(object);
        }
    }
}
