package dev.pkinitkdc.revocation.crl;

import static dev.pkinitkdc.revocation.crl.TestPki.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.SearchRequest;
import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.GracePeriod;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.SourceAnswer;
import dev.pkinitkdc.revocation.testing.OversizedLdapServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * An LDAP distribution point serving a "CRL" far larger than crl_max_size (1 MiB here): the search asks for one
 * entry, within a time limit, for the CRL attribute only, and the answer is refused while it is read, not after
 * it was buffered.
 */
class LdapCrlSizeTest {
    private static final long MAX_BYTES = 1L << 20;
    private static final String BASE = "dc=lab,dc=example";

    private static CrlSource source() {
        return new CrlSource(new CrlOptions(Duration.ofSeconds(10), GracePeriod.NONE, List.of(), Optional.empty(),
                Duration.ofSeconds(60), MAX_BYTES), Clock.systemUTC(), new RevocationCounters());
    }

    @Test
    void theSearchAsksForOneEntryAndTheCrlAttributeOnlyAndA20MiBValueIsRefused() throws Exception {
        AtomicReference<SearchRequest> seen = new AtomicReference<>();
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
                InetAddress.getLoopbackAddress(), 0, null));
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
                seen.set(request.getRequest().duplicate());
            }
        });
        InMemoryDirectoryServer directory = new InMemoryDirectoryServer(config);
        directory.add(new Entry(BASE, new Attribute("objectClass", "top", "domain"), new Attribute("dc", "lab")));
        String dn = "cn=Huge CA," + BASE;
        directory.add(new Entry(dn, new Attribute("objectClass", "top", "cRLDistributionPoint"),
                new Attribute("cn", "Huge CA"), new Attribute("description", "not wanted"),
                new Attribute("certificateRevocationList;binary", new byte[20 << 20])));
        directory.startListening();
        try (CrlSource source = source()) {
            CertificateToCheck user = TestPki.user("ldap://127.0.0.1:" + directory.getListenPort() + "/"
                    + dn.replace(" ", "%20") + "?certificateRevocationList;binary");
            SourceAnswer answer = await(source.check(user, FetchPolicy.NETWORK));

            assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
            assertTrue(answer.detail().contains("larger than " + MAX_BYTES), answer.detail());
            SearchRequest request = seen.get();
            assertEquals(1, request.getSizeLimit(), "sizeLimit");
            assertTrue(request.getTimeLimitSeconds() > 0 && request.getTimeLimitSeconds() <= 10, "timeLimit");
            assertEquals(Set.of("certificateRevocationList", "certificateRevocationList;binary"),
                    Set.copyOf(List.of(request.getAttributes())));
        } finally {
            directory.shutDown(true);
        }
    }

    @Test
    void aServerStreaming64MiBIsCutOffWhileReading() throws Exception {
        long valueBytes = 64L << 20;
        try (OversizedLdapServer server = new OversizedLdapServer(valueBytes); CrlSource source = source()) {
            CertificateToCheck user = TestPki.user("ldap://127.0.0.1:" + server.port()
                    + "/cn=huge?certificateRevocationList;binary");
            long baseline = heapAfterGc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);

            SourceAnswer answer = await(source.check(user, FetchPolicy.NETWORK));

            long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            System.out.printf("LdapCrlSizeTest: heap peak while fetching a %d MiB LDAP value with crl_max_size "
                    + "%d MiB: %d MiB above the %d MiB baseline; the server wrote %d bytes%n", valueBytes >> 20,
                    MAX_BYTES >> 20, (peak - baseline) >> 20, baseline >> 20, server.written());
            assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> server.connectionsEnded() >= 1);
            assertTrue(server.written() < 16L << 20, "the server could write " + server.written()
                    + " bytes: the client kept reading");
        }
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
