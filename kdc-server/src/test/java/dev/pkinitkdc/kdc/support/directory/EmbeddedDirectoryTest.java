package dev.pkinitkdc.kdc.support.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import dev.pkinitkdc.kdc.tool.lab.LabOptions;
import dev.pkinitkdc.mapping.directory.NtAuthCertificates;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded directory loaded from the lab LDIF, searched over the network like an external one. */
class EmbeddedDirectoryTest {
    @TempDir
    Path dir;

    private EmbeddedDirectory startLab() throws Exception {
        LabEnvironment lab = LabEnvironment.prepare(new LabOptions(dir, "LAB.EXAMPLE", "127.0.0.1", 8888));
        return EmbeddedDirectory.start("127.0.0.1", 0, lab.baseDn(), List.of(lab.layout().directoryLdif()));
    }

    private static SearchResultEntry findOne(EmbeddedDirectory directory, String filter) throws LDAPException {
        try (LDAPConnection connection = connect(directory)) {
            SearchResult result = connection.search("DC=lab,DC=example", SearchScope.SUB, filter);
            assertTrue(result.getEntryCount() <= 1, filter);
            return result.getEntryCount() == 0 ? null : result.getSearchEntries().get(0);
        }
    }

    @Test
    void answersSearchForAliceOverTcp() throws Exception {
        try (EmbeddedDirectory directory = startLab()) {
            assertNotEquals(0, directory.port());
            assertEquals("ldap://127.0.0.1:" + directory.port(), directory.uri());
            SearchResultEntry alice = findOne(directory, "(sAMAccountName=alice)");
            assertEquals("CN=alice,CN=Users,DC=lab,DC=example", alice.getDN());
            assertEquals("alice@lab.example", alice.getAttributeValue("userPrincipalName"));
            assertEquals("512", alice.getAttributeValue("userAccountControl"));
            assertTrue(alice.getAttributeValue("objectSid").matches("S-1-5-21-\\d+-\\d+-\\d+-1100"));
            assertTrue(alice.getAttributeValue("whenCreated").matches("\\d{14}\\.0Z"));
        }
    }

    @Test
    void bobHasNoUpnAndSharesTheDomainSid() throws Exception {
        try (EmbeddedDirectory directory = startLab()) {
            SearchResultEntry bob = findOne(directory, "(sAMAccountName=bob)");
            SearchResultEntry alice = findOne(directory, "(userPrincipalName=alice@lab.example)");
            assertNull(bob.getAttributeValue("userPrincipalName"));
            String domain = alice.getAttributeValue("objectSid").replaceAll("-1100$", "");
            assertEquals(domain + "-1101", bob.getAttributeValue("objectSid"));
        }
    }

    @Test
    void testsCanChangeEntries() throws Exception {
        try (EmbeddedDirectory directory = startLab()) {
            directory.apply(
                    "dn: CN=alice,CN=Users,DC=lab,DC=example",
                    "changetype: modify",
                    "replace: userAccountControl",
                    "userAccountControl: 514",
                    "",
                    "dn: CN=erin,CN=Users,DC=lab,DC=example",
                    "changetype: add",
                    "objectClass: user",
                    "sAMAccountName: erin");
            assertEquals("514", findOne(directory, "(sAMAccountName=alice)").getAttributeValue("userAccountControl"));
            assertEquals("CN=erin,CN=Users,DC=lab,DC=example", findOne(directory, "(sAMAccountName=erin)").getDN());
            assertNull(findOne(directory, "(sAMAccountName=mallory)"));
            assertThrows(LDAPException.class, () -> directory.apply("not ldif"));
        }
    }

    /** What an attacker on the same host tries first: change the directory without a bind. */
    @Test
    void anonymousAddModifyRenameAndDeleteOverLdapAreRefused() throws Exception {
        try (EmbeddedDirectory directory = startLab();
             LDAPConnection anonymous = connect(directory)) {
            String alice = "CN=alice,CN=Users,DC=lab,DC=example";
            assertRefused(() -> anonymous.add("CN=mallory,CN=Users,DC=lab,DC=example", new Attribute("objectClass",
                    "user"), new Attribute("sAMAccountName", "mallory")));
            assertRefused(() -> anonymous.modify(alice, new Modification(ModificationType.REPLACE,
                    "altSecurityIdentities", "X509:<I>CN=Mallory CA<SR>01")));
            assertRefused(() -> anonymous.modifyDN(alice, "CN=alice2", true));
            assertRefused(() -> anonymous.delete(alice));
            assertNull(findOne(directory, "(sAMAccountName=mallory)"));
            SearchResultEntry unchanged = findOne(directory, "(sAMAccountName=alice)");
            assertEquals(alice, unchanged.getDN());
            assertFalse(unchanged.hasAttributeValue("altSecurityIdentities", "X509:<I>CN=Mallory CA<SR>01"),
                    "alice's mappings unchanged");
        }
    }

    @Test
    void onlyABindWithTheToolsSecretMayWrite() throws Exception {
        LabEnvironment lab = LabEnvironment.prepare(new LabOptions(dir, "LAB.EXAMPLE", "127.0.0.1", 8888));
        String alice = "CN=alice,CN=Users,DC=lab,DC=example";
        Modification disable = new Modification(ModificationType.REPLACE, "userAccountControl", "514");
        try (EmbeddedDirectory directory = EmbeddedDirectory.start("127.0.0.1", 0, lab.baseDn(),
                List.of(lab.layout().directoryLdif()), Optional.of("s3cret"));
             LDAPConnection ldap = connect(directory)) {
            assertThrows(LDAPException.class, () -> ldap.bind(DirectorySecret.BIND_DN, "guess"));
            assertRefused(() -> ldap.modify(alice, disable));
            ldap.bind(DirectorySecret.BIND_DN, "s3cret");
            ldap.modify(alice, disable);
            assertEquals("514", directory.ldap().getEntry(alice).getAttributeValue("userAccountControl"));
        }
    }

    /** No facts for strangers: before a bind, the KDC's directory shows only the root DSE and the public PKI objects. */
    @Test
    void theGuardedDirectoryShowsAnonymousClientsOnlyTheRootDseAndThePublicKeyServices() throws Exception {
        LabEnvironment lab = LabEnvironment.prepare(new LabOptions(dir, "LAB.EXAMPLE", "127.0.0.1", 8888));
        try (EmbeddedDirectory directory = EmbeddedDirectory.start("127.0.0.1", 0, lab.baseDn(),
                List.of(lab.layout().directoryLdif()), Optional.of("s3cret"));
             LDAPConnection ldap = connect(directory)) {
            assertRefused(() -> ldap.search("DC=lab,DC=example", SearchScope.SUB, "(sAMAccountName=alice)"));
            assertRefused(() -> ldap.search("", SearchScope.SUB, "(sAMAccountName=alice)"));
            assertRefused(() -> ldap.compare("CN=alice,CN=Users,DC=lab,DC=example", "sAMAccountName", "alice"));
            assertNotNull(ldap.getRootDSE());
            String ntAuth = NtAuthCertificates.dn(lab.baseDn());
            assertNotNull(ldap.getEntry(ntAuth, NtAuthCertificates.BINARY_ATTRIBUTE));

            ldap.bind(DirectorySecret.BIND_DN, "s3cret");
            assertEquals(1, ldap.search("DC=lab,DC=example", SearchScope.SUB, "(sAMAccountName=alice)")
                    .getEntryCount());
        }
    }

    private interface LdapWrite {
        void run() throws LDAPException;
    }

    private static void assertRefused(LdapWrite write) {
        LDAPException e = assertThrows(LDAPException.class, write::run);
        assertTrue(e.getResultCode() == ResultCode.INSUFFICIENT_ACCESS_RIGHTS
                || e.getResultCode() == ResultCode.UNWILLING_TO_PERFORM, e::toString);
    }

    private static LDAPConnection connect(EmbeddedDirectory directory) throws LDAPException {
        LDAPURL url = new LDAPURL(directory.uri());
        return new LDAPConnection(url.getHost(), url.getPort());
    }

    @Test
    void closeStopsListening() throws Exception {
        EmbeddedDirectory directory = startLab();
        int port = directory.port();
        directory.close();
        assertThrows(LDAPException.class, () -> new LDAPConnection("127.0.0.1", port).close());
    }
}
