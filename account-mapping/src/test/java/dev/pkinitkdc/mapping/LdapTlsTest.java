package dev.pkinitkdc.mapping;

import static dev.pkinitkdc.mapping.Failures.await;
import static dev.pkinitkdc.mapping.Failures.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.mapping.ldap.LdapAccountDirectory;
import dev.pkinitkdc.mapping.ldap.LdapDirectorySettings;
import dev.pkinitkdc.mapping.ldap.Tls;
import dev.pkinitkdc.mapping.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LDAPS and StartTLS against slapd serving a certificate from a test CA for 127.0.0.1 and localhost: the client
 * trusts the directory only through the configured CA file and never falls back to plain text.
 */
class LdapTlsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    static Path dir;
    private static SlapdLabDirectory lab;
    private static Path caFile;
    private static Path otherCaFile;
    private static ExecutorService pool;

    @BeforeAll
    static void start() throws Exception {
        TestPki ca = TestPki.create("Directory Test CA");
        caFile = ca.writeCertificate(dir.resolve("ca.pem"));
        otherCaFile = TestPki.create("Directory Test CA").writeCertificate(dir.resolve("other-ca.pem")); // same name
        lab = SlapdLabDirectory.start(Optional.of(ca.issueServer(dir.resolve("server"), "localhost", "127.0.0.1")));
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        lab.close();
    }

    private static LdapAccountDirectory directory(URI url, Tls tls, Optional<Path> ca) {
        return new LdapAccountDirectory(LdapDirectorySettings.anonymous(List.of(url), LabDirectory.BASE, TIMEOUT, 2)
                .withTls(tls, ca), pool);
    }

    private static void assertFindsAlice(LdapAccountDirectory directory) throws Exception {
        assertEquals("alice", await(directory.findBySamAccountName("alice")).get(0).samAccountName());
    }

    private static URI ldaps(String host) {
        return URI.create("ldaps://" + host + ":" + lab.slapd().ldapsUrl().getPort());
    }

    private static URI ldap(String host) {
        return URI.create("ldap://" + host + ":" + lab.url().getPort());
    }

    @Test
    void ldapsWithTheCaFile() throws Exception {
        for (URI url : List.of(ldaps("127.0.0.1"), ldaps("localhost"))) {
            try (LdapAccountDirectory directory = directory(url, Tls.LDAPS, Optional.of(caFile))) {
                assertFindsAlice(directory);
            }
        }
    }

    @Test
    void ldapsUrlWithoutTlsSettingIsStillLdaps() throws Exception {
        try (LdapAccountDirectory directory = directory(ldaps("127.0.0.1"), Tls.NONE, Optional.of(caFile))) {
            assertFindsAlice(directory);
        }
    }

    @Test
    void ldapsWithoutTheCaIsUnavailable() throws Exception {
        for (Optional<Path> ca : List.of(Optional.<Path>empty(), Optional.of(otherCaFile))) {
            try (LdapAccountDirectory directory = directory(ldaps("127.0.0.1"), Tls.LDAPS, ca)) {
                failure(FailureReason.DIRECTORY_UNAVAILABLE, directory.findBySamAccountName("alice"));
            }
        }
    }

    @Test
    void startTlsWithTheCaFile() throws Exception {
        try (LdapAccountDirectory directory = directory(ldap("127.0.0.1"), Tls.STARTTLS, Optional.of(caFile))) {
            assertFindsAlice(directory);
        }
    }

    @Test
    void startTlsWithAnotherCaIsUnavailableNotPlainText() throws Exception {
        try (LdapAccountDirectory directory = directory(ldap("127.0.0.1"), Tls.STARTTLS, Optional.of(otherCaFile))) {
            failure(FailureReason.DIRECTORY_UNAVAILABLE, directory.findBySamAccountName("alice"));
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefusedUnlessVerificationIsOff() throws Exception {
        Path dirOther = dir.resolve("other-host");
        TestPki ca = TestPki.create("Other Host CA");
        Path otherHostCa = ca.writeCertificate(dir.resolve("other-host-ca.pem"));
        try (SlapdLabDirectory other = SlapdLabDirectory.start(
                Optional.of(ca.issueServer(dirOther, "ldap.elsewhere.example")))) {
            URI url = other.slapd().ldapsUrl();
            LdapDirectorySettings settings = LdapDirectorySettings.anonymous(List.of(url), LabDirectory.BASE,
                    TIMEOUT, 2).withTls(Tls.LDAPS, Optional.of(otherHostCa));
            try (LdapAccountDirectory directory = new LdapAccountDirectory(settings, pool)) {
                failure(FailureReason.DIRECTORY_UNAVAILABLE, directory.findBySamAccountName("alice"));
            }
            try (LdapAccountDirectory directory = new LdapAccountDirectory(
                    settings.withHostnameVerification(false), pool)) {
                assertFindsAlice(directory);
            }
        }
    }

    /**
     * The handshake timeout fires: the search fails as unavailable naming the timeout, not before the timeout has
     * passed (a lower bound only, which load cannot break), and the client closes the connection it gave up on, as
     * the server sees. The upper bound is {@link Failures#failure}'s 20 s, 10 times the timeout: a client without a
     * handshake timeout would wait for ever, so any generous bound tells the two apart.
     */
    @Test
    void aServerThatNeverHandshakesIsUnavailableOnceTheTimeoutFiresAndTheClientCloses() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
             LdapAccountDirectory directory = directory(URI.create("ldaps://127.0.0.1:" + silent.getLocalPort()),
                     Tls.LDAPS, Optional.of(caFile))) {
            CompletableFuture<Integer> closedByClient = CompletableFuture.supplyAsync(() -> readUntilClosed(silent));
            long started = System.nanoTime();
            KdcFailure failure = failure(FailureReason.DIRECTORY_UNAVAILABLE, directory.findBySamAccountName("alice"));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(failure.getMessage().toLowerCase(Locale.ROOT).contains("timeout")
                    || failure.getMessage().toLowerCase(Locale.ROOT).contains("timed out"), failure.getMessage());
            assertTrue(waited.compareTo(TIMEOUT) >= 0, "gave up after " + waited + ", before the timeout " + TIMEOUT);
            assertTrue(closedByClient.get(20, TimeUnit.SECONDS) > 0, "the client sent its ClientHello, then closed");
        }
    }

    /**
     * Accepts one connection, never answers, and returns how many bytes the client sent before it closed (an
     * orderly close or a reset: either is the client giving up).
     */
    private static int readUntilClosed(ServerSocket server) {
        int total = 0;
        try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
            byte[] buffer = new byte[4096];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
            }
        } catch (SocketException reset) {
            // closed by the client with a reset
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    @Test
    void configurationErrorsAreRefusedUpFront() {
        assertThrows(IllegalArgumentException.class, () -> directory(ldap("127.0.0.1"), Tls.LDAPS, Optional.of(caFile)));
        assertThrows(IllegalArgumentException.class,
                () -> directory(ldaps("127.0.0.1"), Tls.STARTTLS, Optional.of(caFile)));
        assertThrows(IllegalArgumentException.class,
                () -> directory(ldaps("127.0.0.1"), Tls.LDAPS, Optional.of(dir.resolve("missing.pem"))));
    }
}
