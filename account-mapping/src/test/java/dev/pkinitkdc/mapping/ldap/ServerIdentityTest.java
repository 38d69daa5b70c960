package dev.pkinitkdc.mapping.ldap;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkinitkdc.mapping.testing.TestPki;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 4513 section 3.1.3 server identity check. */
class ServerIdentityTest {
    @TempDir
    Path dir;

    private X509Certificate issued(String... hosts) throws Exception {
        Path file = TestPki.create("CA").issueServer(dir.resolve(hosts[0].replace('*', '_')), hosts).certificate();
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Test
    void dnsNamesMatchCaseInsensitivelyAndWildcardsOnlyTheLeftmostLabel() throws Exception {
        X509Certificate cert = issued("ldap.lab.example", "*.dc.lab.example");
        ServerIdentity.check("LDAP.Lab.Example", cert);
        ServerIdentity.check("ldap.lab.example.", cert);
        ServerIdentity.check("dc1.dc.lab.example", cert);
        for (String host : new String[] {"lab.example", "a.b.dc.lab.example", "dc.lab.example", "other.example",
                "127.0.0.1"}) {
            assertThrows(CertificateException.class, () -> ServerIdentity.check(host, cert), host);
        }
    }

    @Test
    void ipAddressesMatchOnlyIpAddressNames() throws Exception {
        X509Certificate cert = issued("127.0.0.1", "::1", "localhost");
        ServerIdentity.check("127.0.0.1", cert);
        ServerIdentity.check("[::1]", cert);
        ServerIdentity.check("0:0:0:0:0:0:0:1", cert);
        ServerIdentity.check("localhost", cert);
        assertThrows(CertificateException.class, () -> ServerIdentity.check("127.0.0.2", cert));
        X509Certificate named = issued("127.0.0.1.example"); // a DNS name that looks like an address
        assertThrows(CertificateException.class, () -> ServerIdentity.check("127.0.0.1", named));
    }
}
