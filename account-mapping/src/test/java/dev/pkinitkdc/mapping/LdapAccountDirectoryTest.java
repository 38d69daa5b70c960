package dev.pkinitkdc.mapping;

import static dev.pkinitkdc.mapping.Failures.await;
import static dev.pkinitkdc.mapping.Failures.failure;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import dev.pkinitkdc.mapping.ldap.LdapAccountDirectory;
import dev.pkinitkdc.mapping.ldap.LdapDirectorySettings;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The directory client against a real LDAP server; each subclass brings one kind of server. */
abstract class LdapAccountDirectoryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private TestDirectory lab;
    private ExecutorService pool;
    private final AtomicInteger tasks = new AtomicInteger();

    /** A started server holding {@link LabDirectory#seed()}. */
    abstract TestDirectory newDirectory() throws Exception;

    @BeforeEach
    void start() throws Exception {
        lab = newDirectory();
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        lab.close();
    }

    private LdapAccountDirectory directory(URI... urls) {
        return new LdapAccountDirectory(LdapDirectorySettings.anonymous(List.of(urls), LabDirectory.BASE, TIMEOUT, 2),
                task -> {
                    tasks.incrementAndGet();
                    pool.execute(task);
                });
    }

    @Test
    void readsTheAccountAndItsAttributesOnTheExecutor() throws Exception {
        try (LdapAccountDirectory directory = directory(lab.url())) {
            List<DirectoryAccount> found = await(directory.findBySamAccountName("ALICE"));
            assertEquals(1, found.size());
            DirectoryAccount alice = found.get(0);
            // attribute types in a DN are case-insensitive; slapd returns them in its schema's spelling (cn, dc)
            assertEquals("cn=alice,cn=users,dc=lab,dc=example", alice.dn().toLowerCase(Locale.ROOT));
            assertEquals("alice", alice.samAccountName());
            assertEquals(Optional.of("alice@lab.example"), alice.userPrincipalName());
            assertEquals(List.of("S-1-5-21-1-2-3-1104"), alice.values("objectSid"));
            assertEquals(List.of("512"), alice.values("useraccountcontrol"));
            assertEquals(1, tasks.get());

            DirectoryAccount bob = await(directory.findBySamAccountName("bob")).get(0);
            assertEquals(Optional.empty(), bob.userPrincipalName());
            assertEquals(List.of(), await(directory.findByUserPrincipalName("bob@lab.example")));
        }
    }

    @Test
    void filterValuesAreEscaped() throws Exception {
        try (LdapAccountDirectory directory = directory(lab.url())) {
            for (String hostile : List.of("*)(objectClass=*", "*", "alice)(|(sAMAccountName=*", "\\2a", "a\u0000")) {
                assertEquals(List.of(), await(directory.findBySamAccountName(hostile)), hostile);
                assertEquals(List.of(), await(directory.findByUserPrincipalName(hostile)), hostile);
            }
        }
    }

    @Test
    void failsOverToTheNextUrl() throws Exception {
        try (LdapAccountDirectory directory = directory(closedPort(), lab.url())) {
            assertEquals("alice", await(directory.findBySamAccountName("alice")).get(0).samAccountName());
        }
    }

    @Test
    void directoryDownIsUnavailableAndRecoversAfterRestart() throws Exception {
        try (LdapAccountDirectory directory = directory(lab.url())) {
            assertEquals(1, await(directory.findBySamAccountName("alice")).size()); // a pooled connection
            lab.stop();

            // The outcome, not a stopwatch: the search fails as unavailable, naming the server. Failures.failure
            // waits at most 20 s (10 times the timeout), which only a search that hangs can exceed.
            String text = failure(FailureReason.DIRECTORY_UNAVAILABLE, directory.findBySamAccountName("alice")).text();
            assertTrue(text.contains(lab.url().toString()), text);

            lab.restart();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    directory.findBySamAccountName("alice").toCompletableFuture()
                            .handle((found, error) -> error == null && found.size() == 1).get());
        }
    }

    @Test
    void aPooledConnectionTheServerDroppedIsReplacedWithoutAFailedSearch() throws Exception {
        try (LdapAccountDirectory directory = directory(lab.url())) {
            assertEquals(1, await(directory.findBySamAccountName("alice")).size()); // a pooled connection
            lab.stop();
            lab.restart();   // the pooled connection is now dead, and nothing probes it before use
            assertEquals(1, await(directory.findBySamAccountName("alice")).size(), "the first search after");
        }
    }

    @Test
    void allUrlsDownIsUnavailable() throws Exception {
        try (LdapAccountDirectory directory = directory(closedPort(), closedPort())) {
            failure(FailureReason.DIRECTORY_UNAVAILABLE, directory.findByUserPrincipalName("alice@lab.example"));
        }
    }

    private static URI closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return URI.create("ldap://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
