package dev.pkinitkdc.revocation.crl;

import static dev.pkinitkdc.revocation.crl.TestPki.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import dev.pkinitkdc.pkinit.labpki.CrlBuilder;
import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.GracePeriod;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.SourceAnswer;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CRLs from LDAP distribution points served by UnboundID's in-memory directory on 127.0.0.1. */
class CrlSourceLdapTest {
    private static final String BASE = "dc=lab,dc=example";
    private InMemoryDirectoryServer directory;
    private CrlSource source;

    @BeforeEach
    void start() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null); // certificateRevocationList;binary without the RFC 4523 schema
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
                InetAddress.getLoopbackAddress(), 0, null));
        directory = new InMemoryDirectoryServer(config);
        directory.add(new Entry(BASE, new Attribute("objectClass", "top", "domain"), new Attribute("dc", "lab")));
        directory.startListening();
        source = new CrlSource(CrlSourceHttpTest.options(GracePeriod.NONE, Optional.empty(), List.of()),
                Clock.systemUTC(), new RevocationCounters());
    }

    @AfterEach
    void stop() {
        source.close();
        directory.shutDown(true);
    }

    private String url(String dn, String attribute) {
        return "ldap://127.0.0.1:" + directory.getListenPort() + "/" + dn.replace(" ", "%20")
                + (attribute.isEmpty() ? "" : "?" + attribute);
    }

    private void publish(String dn, String attribute, CertificateToCheck revoked) throws Exception {
        Instant now = Instant.now();
        byte[] crl = CrlBuilder.by(TestPki.ca()).validity(now.minusSeconds(60), now.plus(Duration.ofHours(1)))
                .revoke(revoked.certificate().getSerialNumber(), now, CRLReason.keyCompromise).build().getEncoded();
        directory.add(new Entry(dn, new Attribute("objectClass", "top", "cRLDistributionPoint"),
                new Attribute("cn", dn.substring(3, dn.indexOf(','))), new Attribute(attribute, crl)));
    }

    @Test
    void theBinaryAttributeOfTheUrlIsRead() throws Exception {
        String dn = "cn=Issuing CA," + BASE;
        CertificateToCheck revoked = TestPki.user(url(dn, "certificateRevocationList;binary"));
        publish(dn, "certificateRevocationList;binary", revoked);

        SourceAnswer answer = await(source.check(revoked, FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.REVOKED, answer.status(), answer.detail());
        assertTrue(answer.location().startsWith("ldap://127.0.0.1:"));
        CertificateToCheck good = TestPki.user(url(dn, "certificateRevocationList;binary"));
        assertEquals(RevocationStatus.GOOD, await(source.check(good, FetchPolicy.NETWORK)).status());
    }

    @Test
    void theAttributeWithoutBinaryAndTheDefaultAttributeAreAccepted() throws Exception {
        String dn = "cn=Plain CA," + BASE;
        CertificateToCheck named = TestPki.user(url(dn, "certificateRevocationList"));
        publish(dn, "certificateRevocationList", named);
        assertEquals(RevocationStatus.REVOKED, await(source.check(named, FetchPolicy.NETWORK)).status());

        CertificateToCheck unnamed = TestPki.user(url(dn, ""));
        assertEquals(RevocationStatus.GOOD, await(source.check(unnamed, FetchPolicy.NETWORK)).status());
    }

    @Test
    void aMissingEntryIsUnavailable() throws Exception {
        SourceAnswer answer = await(source.check(TestPki.user(url("cn=Nobody," + BASE,
                "certificateRevocationList;binary")), FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
    }
}
