package dev.pkinitkdc.revocation.crl;

import static dev.pkinitkdc.revocation.crl.TestPki.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.OperationType;
import dev.pkinitkdc.pkinit.labpki.CrlBuilder;
import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.GracePeriod;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.SourceAnswer;
import dev.pkinitkdc.revocation.http.HttpLimits;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.directory.ldap.client.api.LdapConnectionConfig;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AD CS's LDAP CDP form, host-less ({@code ldap:///CN=...,CN=CDP,CN=Public Key Services,...?certificateRevocation
 * List?base?objectClass=cRLDistributionPoint}: "ask your domain controller"), resolved against the configured
 * directory: a real LDAP server (UnboundID in-memory) that refuses anonymous searches and holds the CRL as AD does.
 */
class HostlessLdapCdpTest {
    private static final String BASE = "DC=lab,DC=example";
    private static final String CDP = "CN=CDP,CN=Public Key Services,CN=Services,CN=Configuration," + BASE;
    private static final String CA_ENTRY = "CN=Lab CA,CN=host," + CDP;
    private static final String BIND_DN = "CN=kdc,CN=Users," + BASE;
    private static final String PASSWORD = "kdc-secret";

    private InMemoryDirectoryServer directory;
    private final List<String> binds = new CopyOnWriteArrayList<>();
    private final List<String> filters = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
                InetAddress.getLoopbackAddress(), 0, null));
        config.addAdditionalBindCredentials(BIND_DN, PASSWORD);
        config.setAuthenticationRequiredOperationTypes(EnumSet.of(OperationType.SEARCH, OperationType.COMPARE));
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest bind) {
                binds.add(bind.getRequest().getBindDN());
            }

            @Override
            public void processSearchRequest(InMemoryInterceptedSearchRequest search) {
                filters.add(search.getRequest().getScope() + " " + search.getRequest().getFilter());
            }
        });
        directory = new InMemoryDirectoryServer(config);
        directory.add(new Entry(BASE, new Attribute("objectClass", "top", "domain")));
        String parent = BASE;
        for (String rdn : List.of("CN=Configuration", "CN=Services", "CN=Public Key Services", "CN=CDP",
                "CN=host")) {
            parent = rdn + "," + parent;
            directory.add(new Entry(parent, new Attribute("objectClass", "top", "container")));
        }
        directory.startListening();
    }

    @AfterEach
    void stop() {
        directory.shutDown(true);
    }

    /** The directory as the KDC's [directory] describes it: this server, bound as the KDC's account. */
    private DirectoryEndpoint endpoint() {
        return new DirectoryEndpoint() {
            @Override
            public List<LdapConnectionConfig> connectionConfigs() {
                LdapConnectionConfig dead = new LdapConnectionConfig();
                dead.setLdapHost("127.0.0.1");
                dead.setLdapPort(1); // the first server is down: the next one answers
                LdapConnectionConfig live = new LdapConnectionConfig();
                live.setLdapHost("127.0.0.1");
                live.setLdapPort(directory.getListenPort());
                live.setName(BIND_DN);
                live.setCredentials(PASSWORD);
                return List.of(dead, live);
            }

            @Override
            public String describe() {
                return "ldap://127.0.0.1:" + directory.getListenPort() + " as " + BIND_DN;
            }
        };
    }

    private CrlSource source(Optional<DirectoryEndpoint> endpoint) {
        CrlOptions options = new CrlOptions(Duration.ofSeconds(5), GracePeriod.NONE, List.of(), Optional.empty(),
                Duration.ofSeconds(60), 1L << 20, endpoint, HttpLimits.defaults());
        return new CrlSource(options, Clock.systemUTC(), new RevocationCounters());
    }

    /** The URL exactly as AD CS writes it into certificates (spaces as %20, no parentheses around the filter). */
    private static String adCdpUrl(String entry) {
        return "ldap:///" + entry.replace(" ", "%20")
                + "?certificateRevocationList?base?objectClass=cRLDistributionPoint";
    }

    private void publish(String entry, String objectClass, CertificateToCheck revoked) throws Exception {
        Instant now = Instant.now();
        byte[] crl = CrlBuilder.by(TestPki.ca()).number(1).validity(now.minusSeconds(60), now.plus(Duration.ofHours(1)))
                .revoke(revoked.certificate().getSerialNumber(), now, CRLReason.keyCompromise).build().getEncoded();
        directory.add(new Entry(entry, new Attribute("objectClass", "top", objectClass),
                new Attribute("certificateRevocationList", crl)));
    }

    @Test
    void aHostlessAdCdpIsAskedOfTheConfiguredDirectoryWithItsBind() throws Exception {
        CertificateToCheck revoked = TestPki.user(adCdpUrl(CA_ENTRY));
        CertificateToCheck good = TestPki.user(adCdpUrl(CA_ENTRY));
        publish(CA_ENTRY, "cRLDistributionPoint", revoked);
        try (CrlSource source = source(Optional.of(endpoint()))) {
            SourceAnswer no = await(source.check(revoked, FetchPolicy.NETWORK));
            assertEquals(RevocationStatus.REVOKED, no.status(), no.detail());
            SourceAnswer yes = await(source.check(good, FetchPolicy.NETWORK));
            assertEquals(RevocationStatus.GOOD, yes.status(), yes.detail());
        }
        assertEquals(List.of(BIND_DN), binds);
        assertEquals(List.of("BASE (objectClass=cRLDistributionPoint)"), filters);
    }

    @Test
    void theUrlsFilterIsHonoured() throws Exception {
        String notACdp = "CN=Other CA,CN=host," + CDP;
        CertificateToCheck user = TestPki.user(adCdpUrl(notACdp));
        publish(notACdp, "container", user);
        try (CrlSource source = source(Optional.of(endpoint()))) {
            SourceAnswer answer = await(source.check(user, FetchPolicy.NETWORK));
            assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
            assertTrue(answer.detail().contains("no entry"), answer.detail());
        }
    }

    @Test
    void withoutAConfiguredDirectoryAHostlessCdpIsUnavailableAndSaysWhy() throws Exception {
        CertificateToCheck user = TestPki.user(adCdpUrl(CA_ENTRY));
        publish(CA_ENTRY, "cRLDistributionPoint", user);
        try (CrlSource source = source(Optional.empty())) {
            SourceAnswer answer = await(source.check(user, FetchPolicy.NETWORK));
            assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
            assertTrue(answer.detail().contains("no [directory] is configured"), answer.detail());
        }
        assertEquals(List.of(), binds, "nothing was asked anywhere");
    }
}
