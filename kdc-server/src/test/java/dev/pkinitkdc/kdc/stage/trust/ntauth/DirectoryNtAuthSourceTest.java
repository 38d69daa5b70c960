package dev.pkinitkdc.kdc.stage.trust.ntauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.pkinitkdc.kdc.support.directory.EmbeddedDirectory;
import dev.pkinitkdc.mapping.directory.NtAuthCertificates;
import dev.pkinitkdc.mapping.ldap.LdapDirectorySettings;
import dev.pkinitkdc.mapping.ldap.LdapNtAuthCertificates;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code [ntauth] source = directory} read over LDAP from a real (in-memory) server holding the NTAuth object as AD
 * does, including AD's 0x00 placeholder for "no CA left" and a value that is not a certificate.
 */
class DirectoryNtAuthSourceTest {
    private static final String BASE = "DC=lab,DC=example";
    private static final String DN = NtAuthCertificates.dn(BASE);
    private static final byte[] PLACEHOLDER = {0};
    static X509Certificate ca;

    private EmbeddedDirectory directory;
    private LdapNtAuthCertificates ldap;
    private DirectoryNtAuthSource source;

    @BeforeAll
    static void issuingCa() {
        ca = CertificateBuilder.withNewKey("CN=NTAuth Issuing").ca(0).selfSigned().certificate();
    }

    @BeforeEach
    void start() throws Exception {
        directory = EmbeddedDirectory.start("127.0.0.1", 0, BASE, List.of());
        directory.ldap().add(new Entry(BASE, new Attribute("objectClass", "domain")));
        for (int depth = 1; depth <= NtAuthCertificates.CONTAINERS.size(); depth++) {
            directory.ldap().add(new Entry(NtAuthCertificates.containerDn(BASE, depth),
                    new Attribute("objectClass", "container")));
        }
        ldap = new LdapNtAuthCertificates(LdapDirectorySettings.anonymous(List.of(URI.create(directory.uri())), BASE,
                Duration.ofSeconds(2), 1));
        source = new DirectoryNtAuthSource(ldap, BASE);
    }

    @AfterEach
    void stop() {
        ldap.close();
        directory.close();
    }

    private void values(byte[]... values) throws Exception {
        directory.ldap().modify(DN, new Modification(ModificationType.REPLACE, NtAuthCertificates.BINARY_ATTRIBUTE,
                values));
    }

    @Test
    void adsPlaceholderAloneIsAnEmptyStoreNotAnError() throws Exception {
        values(PLACEHOLDER);
        assertEquals(0, source.load().cas().size());
    }

    @Test
    void aValueThatIsNoCertificateIsSkippedAndTheOthersAreUsed() throws Exception {
        byte[] garbage = {0x30, (byte) 0x82, 0x7f, 0x7f, 1, 2, 3};
        values(garbage, ca.getEncoded(), PLACEHOLDER);
        NtAuthStore store = source.load();
        assertEquals(1, store.cas().size());
        assertTrue(store.contains(ca));
    }

    @Test
    void removingTheLastCaEmptiesTheStoreAtTheNextRefreshAndAnUnreadableDirectoryKeepsIt() throws Exception {
        values(ca.getEncoded());
        try (RefreshingNtAuthStore store = RefreshingNtAuthStore.start(source, Duration.ofHours(1))) {
            assertTrue(store.get().contains(ca));
            values(PLACEHOLDER);
            store.refresh();
            assertEquals(0, store.get().cas().size(), "the read replaced the store");

            values(PLACEHOLDER, ca.getEncoded());
            store.refresh();
            assertTrue(store.get().contains(ca));
            directory.close();
            store.refresh();
            assertTrue(store.get().contains(ca), "a directory that cannot be read keeps the last good store");
        }
    }
}
