package dev.pkinitkdc.kdc.stage.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import dev.pkinitkdc.conf.AttributeSettings;
import dev.pkinitkdc.conf.DirectorySettings;
import dev.pkinitkdc.conf.DirectoryType;
import dev.pkinitkdc.conf.RevocationSettings;
import dev.pkinitkdc.kdc.stage.map.ConfiguredDirectory;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import dev.pkinitkdc.pkinit.labpki.CrlBuilder;
import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.SourceAnswer;
import dev.pkinitkdc.revocation.crl.CrlSource;
import dev.pkinitkdc.revocation.http.HttpLimits;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KDC's wiring of host-less LDAP CRL distribution points (AD CS, {@code ldap:///CN=...?certificateRevocation
 * List?base?objectClass=cRLDistributionPoint}) to its {@code [directory]}: an external directory over LDAPS with the
 * configured CA file, bind DN and password file (a real LDAP server that refuses anonymous searches), and the
 * embedded directory, whose Public Key Services subtree is readable without a bind.
 */
class DirectoryCrlEndpointTest {
    private static final String BASE = "DC=lab,DC=example";
    private static final String CDP_ENTRY = "CN=Lab CA,CN=host,CN=CDP,CN=Public Key Services,CN=Services,"
            + "CN=Configuration," + BASE;
    private static final String BIND_DN = "CN=kdc,CN=Users," + BASE;
    private static final String PASSWORD = "kdc-bind-secret";
    private static final CertifiedKey ISSUER = CertificateBuilder.withNewKey("CN=Lab CA," + BASE).ca(0).selfSigned();

    @TempDir
    Path dir;

    /** A user certificate whose only CDP is the host-less URL, as AD CS writes it. */
    private static CertificateToCheck user() {
        X509Certificate certificate = CertificateBuilder.withKey("CN=alice", ISSUER.keyPair()) // RSA keys are slow
                .crlDistributionPoint("ldap:///" + CDP_ENTRY.replace(" ", "%20")
                        + "?certificateRevocationList?base?objectClass=cRLDistributionPoint")
                .issuedBy(ISSUER).certificate();
        return new CertificateToCheck(certificate, ISSUER.certificate());
    }

    /** The entries down to the CDP object, its CRL revoking {@code revoked}, as LDIF. */
    private static String cdpLdif(CertificateToCheck revoked) throws Exception {
        Instant now = Instant.now();
        byte[] crl = CrlBuilder.by(ISSUER).number(1).validity(now.minusSeconds(60), now.plus(Duration.ofHours(1)))
                .revoke(revoked.certificate().getSerialNumber(), now, CRLReason.keyCompromise).build().getEncoded();
        StringBuilder ldif = new StringBuilder("dn: " + BASE + "\nobjectClass: top\nobjectClass: domain\n\n");
        String[] rdns = CDP_ENTRY.substring(0, CDP_ENTRY.length() - BASE.length() - 1).split(",");
        String parent = BASE;
        for (int i = rdns.length - 1; i > 0; i--) {
            parent = rdns[i] + "," + parent;
            ldif.append("dn: ").append(parent).append("\nobjectClass: top\nobjectClass: container\n\n");
        }
        return ldif.append("dn: ").append(CDP_ENTRY).append("\nobjectClass: top\nobjectClass: cRLDistributionPoint\n")
                .append("certificateRevocationList:: ").append(Base64.getEncoder().encodeToString(crl)).append("\n\n")
                .toString();
    }

    private static SourceAnswer check(Optional<dev.pkinitkdc.mapping.ldap.LdapDirectorySettings> directory,
                                      CertificateToCheck user) throws Exception {
        try (CrlSource source = new CrlSource(ConfiguredRevocation.crlOptions(RevocationSettings.defaults(),
                HttpLimits.defaults(), directory),
                Clock.systemUTC(), new RevocationCounters())) {
            return source.check(user, FetchPolicy.NETWORK).get(20, TimeUnit.SECONDS);
        }
    }

    private static DirectorySettings ldaps(URI url, Path password, Path caFile) {
        return new DirectorySettings(DirectoryType.LDAP, BASE, List.of(), "127.0.0.1", 0, List.of(url),
                Optional.of(BIND_DN), Optional.of(password), Duration.ofSeconds(5), 1, DirectorySettings.Tls.LDAPS,
                Optional.of(caFile));
    }

    @Test
    void anExternalDirectoryIsAskedOverLdapsWithTheConfiguredCaAndBind() throws Exception {
        CertifiedKey directoryCa = CertificateBuilder.withNewKey("CN=Directory CA").ca(0).selfSigned();
        CertifiedKey server = CertificateBuilder.withKey("CN=127.0.0.1", directoryCa.keyPair())
                .subjectAltNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")).issuedBy(directoryCa);
        Path keyStore = dir.resolve("server.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", server.privateKey(), "changeit".toCharArray(),
                new Certificate[] {server.certificate(), directoryCa.certificate()});
        try (OutputStream out = Files.newOutputStream(keyStore)) {
            store.store(out, "changeit".toCharArray());
        }
        SSLUtil tls = new SSLUtil(new KeyStoreKeyManager(keyStore.toFile(), "changeit".toCharArray(), "PKCS12",
                "server"), null);
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPSConfig("ldaps", InetAddress.getLoopbackAddress(),
                0, tls.createSSLServerSocketFactory(), null));
        config.addAdditionalBindCredentials(BIND_DN, PASSWORD);
        config.setAuthenticationRequiredOperationTypes(EnumSet.of(OperationType.SEARCH));
        List<String> binds = new CopyOnWriteArrayList<>();
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest bind) {
                binds.add(bind.getRequest().getBindDN());
            }
        });
        InMemoryDirectoryServer directory = new InMemoryDirectoryServer(config);
        CertificateToCheck revoked = user();
        CertificateToCheck good = user();
        Path ldif = Files.writeString(dir.resolve("cdp.ldif"), cdpLdif(revoked));
        directory.importFromLDIF(true, ldif.toFile());
        directory.startListening();
        try {
            Path password = Files.writeString(dir.resolve("bind.pw"), PASSWORD + "\n");
            Path caFile = pem(dir.resolve("directory-ca.pem"), directoryCa.certificate());
            URI url = URI.create("ldaps://127.0.0.1:" + directory.getListenPort());
            var settings = ConfiguredDirectory.ldapSettings(ldaps(url, password, caFile),
                    new AttributeSettings(Map.of()), List.of(url));

            SourceAnswer no = check(Optional.of(settings), revoked);
            assertEquals(RevocationStatus.REVOKED, no.status(), no.detail());
            assertEquals(RevocationStatus.GOOD, check(Optional.of(settings), good).status());
            assertEquals(List.of(BIND_DN, BIND_DN), binds, "each download bound as the [directory] bind_dn");

            Path otherCa = pem(dir.resolve("other-ca.pem"),
                    CertificateBuilder.withNewKey("CN=Directory CA").ca(0).selfSigned().certificate());
            SourceAnswer untrusted = check(Optional.of(ConfiguredDirectory.ldapSettings(ldaps(url, password, otherCa),
                    new AttributeSettings(Map.of()), List.of(url))), revoked);
            assertEquals(RevocationStatus.UNAVAILABLE, untrusted.status(), "only the configured CA is trusted: "
                    + untrusted.detail());
            assertEquals(2, binds.size(), "no bind over a connection the CA file does not vouch for");
        } finally {
            directory.shutDown(true);
        }
    }

    @Test
    void theEmbeddedDirectoryServesItsCdpObjectsWithoutABind() throws Exception {
        CertificateToCheck revoked = user();
        Path ldif = Files.writeString(dir.resolve("embedded.ldif"), cdpLdif(revoked));
        DirectorySettings embedded = new DirectorySettings(DirectoryType.EMBEDDED, BASE, List.of(ldif), "127.0.0.1",
                0, List.of(), Optional.empty(), Optional.empty(), Duration.ofSeconds(5), 1,
                DirectorySettings.Tls.NONE, Optional.empty());
        try (ConfiguredDirectory directory = ConfiguredDirectory.open(embedded, new AttributeSettings(Map.of()))) {
            SourceAnswer answer = check(Optional.of(directory.ldapSettings()), revoked);
            assertEquals(RevocationStatus.REVOKED, answer.status(), answer.detail());
            assertTrue(answer.location().startsWith("ldap:///CN=Lab%20CA"), answer.location());
        }
    }

    @Test
    void withoutTheDirectoryAHostlessCdpIsUnavailable() throws Exception {
        SourceAnswer answer = check(Optional.empty(), user());
        assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
        assertTrue(answer.detail().contains("no [directory] is configured"), answer.detail());
    }

    private static Path pem(Path file, X509Certificate certificate) throws Exception {
        return Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
    }
}
