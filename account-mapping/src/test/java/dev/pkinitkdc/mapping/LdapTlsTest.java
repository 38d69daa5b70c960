package dev.pkinitkdc.mapping;

import static dev.pkinitkdc.mapping.Failures.await;
import static dev.pkinitkdc.mapping.Failures.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.mapping.ldap.LdapAccountDirectory;
import dev.pkinitkdc.mapping.ldap.LdapDirectorySettings;
import dev.pkinitkdc.mapping.ldap.Tls;
import dev.pkinitkdc.mapping.testing.TestPki;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    @Test
    void aServerThatNeverHandshakesIsUnavailableWithinTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
             LdapAccountDirectory directory = directory(URI.create("ldaps://127.0.0.1:" + silent.getLocalPort()),
                     Tls.LDAPS, Optional.of(caFile))) {
            long started = System.nanoTime();
            failure(FailureReason.DIRECTORY_UNAVAILABLE, directory.findBySamAccountName("alice"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(TIMEOUT.multipliedBy(2).plusSeconds(1)) < 0, "took " + took);
        }
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
