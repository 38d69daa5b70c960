package dev.pkinitkdc.mapping.ldap;

import static dev.pkinitkdc.pkinit.testing.Prerequisites.require;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import dev.pkinitkdc.mapping.directory.NtAuthCertificates;
import dev.pkinitkdc.mapping.testing.Slapd;
import dev.pkinitkdc.mapping.testing.TestPki;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The NTAuth object read and changed over LDAP: from OpenLDAP's slapd with the shipped schema (the object as
 * {@code container} + RFC 4523 {@code pkiCA}, values as {@code cACertificate;binary}) and from UnboundID's
 * in-memory server (the embedded directory's).
 */
class LdapNtAuthCertificatesTest {
    private static final String BASE = "DC=lab,DC=example";

    /** The domain head, the three containers and the NTAuth object holding {@code cas}. */
    static List<Entry> entries(byte[]... cas) {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(BASE, new Attribute("objectClass", "top", "domain"), new Attribute("dc", "lab")));
        for (int depth = 1; depth <= NtAuthCertificates.CONTAINERS.size(); depth++) {
            String rdn = NtAuthCertificates.CONTAINERS.get(depth - 1);
            Entry entry = new Entry(NtAuthCertificates.containerDn(BASE, depth),
                    new Attribute("cn", rdn.substring(3)));
            boolean store = depth == NtAuthCertificates.CONTAINERS.size();
            entry.addAttribute(store ? new Attribute("objectClass", "top", "container", "pkiCA")
                    : new Attribute("objectClass", "top", "container"));
            if (store && cas.length > 0) {
                entry.addAttribute(new Attribute("cACertificate;binary", cas));
            }
            entries.add(entry);
        }
        return entries;
    }

    private static LdapDirectorySettings settings(URI url, Optional<String> bindDn, Optional<String> password) {
        return new LdapDirectorySettings(List.of(url), bindDn, password, BASE, Duration.ofSeconds(2), 1,
                AttributeNames.activeDirectory());
    }

    @Test
    void slapdServesAddsAndRemovesNtAuthCertificates() throws Exception {
        require(Slapd.installed(), "slapd and slapadd are not installed");
        byte[] one = TestPki.create("NTAuth CA one").certificate().getEncoded();
        byte[] two = TestPki.create("NTAuth CA two").certificate().getEncoded();
        String ldif = entries(one).stream().map(Entry::toLDIFString).collect(Collectors.joining("\n"));
        try (Slapd slapd = Slapd.start(BASE, ldif, Optional.empty());
             NtAuthCertificates store = new LdapNtAuthCertificates(settings(slapd.ldapUrl(),
                     Optional.of(slapd.rootDn()), Optional.of(slapd.rootPassword())))) {
            assertStore(store, one);
            store.add(two);
            assertStore(store, one, two);
            store.remove(one);
            assertStore(store, two);
            store.remove(two);
            assertStore(store);
        }
    }

    @Test
    void anAbsentObjectIsAnEmptyOptionalAndTheInMemoryServerServesTheObject() throws Exception {
        byte[] one = TestPki.create("NTAuth CA one").certificate().getEncoded();
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
                InetAddress.getByName("127.0.0.1"), 0, null));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.add(entries().get(0));
        server.startListening();
        URI url = URI.create("ldap://127.0.0.1:" + server.getListenPort());
        try (NtAuthCertificates store = new LdapNtAuthCertificates(settings(url, Optional.empty(), Optional.empty()))) {
            assertTrue(store.read().isEmpty(), "no NTAuth object");
            entries(one).stream().skip(1).forEach(e -> {
                try {
                    server.add(e);
                } catch (Exception x) {
                    throw new IllegalStateException(x);
                }
            });
            assertStore(store, one);
            byte[] two = TestPki.create("NTAuth CA two").certificate().getEncoded();
            store.add(two);
            assertStore(store, one, two);
        } finally {
            server.shutDown(true);
        }
    }

    private static void assertStore(NtAuthCertificates store, byte[]... expected) throws Exception {
        List<byte[]> read = store.read().orElseThrow();
        assertEquals(expected.length, read.size());
        for (byte[] der : expected) {
            assertTrue(read.stream().anyMatch(r -> Arrays.equals(r, der)), "missing a certificate");
        }
    }
}
