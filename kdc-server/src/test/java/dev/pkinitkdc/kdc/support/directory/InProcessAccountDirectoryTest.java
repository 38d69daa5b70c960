package dev.pkinitkdc.kdc.support.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.mapping.directory.AccountCriterion.Attribute;
import dev.pkinitkdc.mapping.directory.AccountCriterion;
import dev.pkinitkdc.mapping.directory.AccountDirectory;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import dev.pkinitkdc.mapping.ldap.AttributeNames;
import dev.pkinitkdc.mapping.ldap.LdapAccountDirectory;
import dev.pkinitkdc.mapping.ldap.LdapDirectorySettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded directory's in-process lookups find exactly what the LDAP client finds over its listener: the same
 * accounts, DNs and attribute values (binary and textual objectSid, renamed attributes), for every kind of lookup.
 */
class InProcessAccountDirectoryTest {
    private static final String BASE = "DC=lab,DC=example";
    /** S-1-5-21-1-2-3-1104 in MS-DTYP 2.4.2.2 binary form. */
    private static final byte[] BINARY_SID = {1, 5, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0,
        0x50, 4, 0, 0};

    @TempDir
    Path dir;
    private EmbeddedDirectory embedded;
    private final ExecutorService searches = Executors.newFixedThreadPool(2);

    @BeforeEach
    void start() throws Exception {
        Path ldif = Files.writeString(dir.resolve("lab.ldif"), String.join("\n",
                "dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: lab", "",
                "dn: CN=Users," + BASE, "objectClass: top", "objectClass: container", "cn: Users", "",
                "dn: CN=alice,CN=Users," + BASE, "objectClass: top", "objectClass: user", "cn: alice",
                "sAMAccountName: alice", "userPrincipalName: alice@lab.example", "mail: alice.mail@lab.example",
                "objectSid:: " + Base64.getEncoder().encodeToString(BINARY_SID), "userAccountControl: 512",
                "memberOf: CN=g1," + BASE, "memberOf: CN=g2," + BASE,
                "altSecurityIdentities: X509:<I>DC=example,DC=lab,CN=Issuing<SR>0a1b", "",
                "dn: CN=bob,CN=Users," + BASE, "objectClass: top", "objectClass: user", "cn: bob",
                "sAMAccountName: bob", "objectSid: S-1-5-21-1-2-3-1105", "whenCreated: 20240101000000.0Z", "",
                "dn: CN=ws1,CN=Users," + BASE, "objectClass: top", "objectClass: user", "objectClass: computer",
                "cn: ws1", "sAMAccountName: ws1$", "",
                "dn: CN=nameless,CN=Users," + BASE, "objectClass: top", "objectClass: user", "cn: nameless",
                "userPrincipalName: nameless@lab.example", "") + "\n");
        embedded = EmbeddedDirectory.start("127.0.0.1", 0, BASE, List.of(ldif));
    }

    @AfterEach
    void stop() {
        searches.shutdownNow();
        embedded.close();
    }

    private AccountDirectory overLdap(AttributeNames names) {
        LdapDirectorySettings settings = LdapDirectorySettings.anonymous(List.of(URI.create(embedded.uri())), BASE,
                Duration.ofSeconds(5), 2);
        return new LdapAccountDirectory(new LdapDirectorySettings(settings.urls(), settings.bindDn(),
                settings.bindPassword(), BASE, settings.timeout(), settings.poolSize(), names), searches);
    }

    private static List<DirectoryAccount> await(CompletionStage<List<DirectoryAccount>> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void assertSameAnswers(AttributeNames names) throws Exception {
        List<Function<AccountDirectory, CompletionStage<List<DirectoryAccount>>>> lookups = List.of(
                d -> d.findBySamAccountName("alice"), d -> d.findBySamAccountName("BOB"),
                d -> d.findBySamAccountName("nobody"), d -> d.findByUserPrincipalName("alice@lab.example"),
                d -> d.findByUserPrincipalName("alice.mail@lab.example"),
                d -> d.findByUserPrincipalName("nameless@lab.example"),
                d -> d.findAny(List.of(new AccountCriterion(Attribute.SAM_ACCOUNT_NAME, "bob"),
                        new AccountCriterion(Attribute.USER_PRINCIPAL_NAME, "alice@lab.example"),
                        new AccountCriterion(Attribute.COMPUTER_SAM_ACCOUNT_NAME, "ws1$"),
                        new AccountCriterion(Attribute.ALT_SECURITY_IDENTITY,
                                "X509:<I>DC=example,DC=lab,CN=Issuing<SR>0a1b"))),
                d -> d.findAny(List.of(new AccountCriterion(Attribute.COMPUTER_SAM_ACCOUNT_NAME, "alice"))),
                d -> d.findAny(List.of(new AccountCriterion(Attribute.SAM_ACCOUNT_NAME, "*)(objectClass=*"))),
                d -> d.findAny(List.of()));
        try (AccountDirectory ldap = overLdap(names);
             AccountDirectory inProcess = new InProcessAccountDirectory(embedded, BASE, names)) {
            for (int i = 0; i < lookups.size(); i++) {
                List<DirectoryAccount> expected = await(lookups.get(i).apply(ldap));
                CompletionStage<List<DirectoryAccount>> found = lookups.get(i).apply(inProcess);
                assertTrue(found.toCompletableFuture().isDone(), "lookup " + i + " answered before returning");
                assertEquals(expected, await(found), "lookup " + i);
            }
        }
    }

    @Test
    void findsWhatTheLdapClientFindsWithActiveDirectoryNames() throws Exception {
        assertSameAnswers(AttributeNames.activeDirectory());
        try (AccountDirectory inProcess = new InProcessAccountDirectory(embedded, BASE,
                AttributeNames.activeDirectory())) {
            DirectoryAccount alice = await(inProcess.findBySamAccountName("alice")).get(0);
            assertEquals("CN=alice,CN=Users," + BASE, alice.dn());
            assertEquals(List.of("S-1-5-21-1-2-3-1104"), alice.values("objectSid"), "binary SID as text");
            assertEquals(List.of("CN=g1," + BASE, "CN=g2," + BASE), alice.values("memberOf"));
            DirectoryAccount bob = await(inProcess.findBySamAccountName("bob")).get(0);
            assertEquals(List.of("S-1-5-21-1-2-3-1105"), bob.values("objectSid"), "SID stored as text");
            assertEquals(Optional.empty(), bob.userPrincipalName());
            assertEquals(Set.of("ws1$", "alice", "bob"), await(inProcess.findAny(List.of(
                    new AccountCriterion(Attribute.COMPUTER_SAM_ACCOUNT_NAME, "ws1$"),
                    new AccountCriterion(Attribute.USER_PRINCIPAL_NAME, "alice@lab.example"),
                    new AccountCriterion(Attribute.SAM_ACCOUNT_NAME, "bob")))).stream()
                    .map(DirectoryAccount::samAccountName).collect(Collectors.toSet()));
            assertTrue(await(inProcess.findByUserPrincipalName("nameless@lab.example")).isEmpty(),
                    "an entry without sAMAccountName is no account");
        }
    }

    @Test
    void findsWhatTheLdapClientFindsWithRenamedAttributes() throws Exception {
        AttributeNames ad = AttributeNames.activeDirectory();
        AttributeNames renamed = new AttributeNames(ad.userObjectClass(), ad.samAccountName(), "mail",
                ad.altSecurityIdentities(), ad.objectSid(), ad.userAccountControl(), ad.accountExpires(),
                ad.lockoutTime(), ad.whenCreated(), ad.memberOf());
        assertSameAnswers(renamed);
        try (AccountDirectory inProcess = new InProcessAccountDirectory(embedded, BASE, renamed)) {
            assertEquals(Optional.of("alice.mail@lab.example"),
                    await(inProcess.findByUserPrincipalName("alice.mail@lab.example")).get(0).userPrincipalName());
        }
    }

    @Test
    void aSearchTheServerRefusesFailsTheStageAsAnUnavailableDirectory() {
        try (AccountDirectory inProcess = new InProcessAccountDirectory(embedded, "DC=elsewhere,DC=example",
                AttributeNames.activeDirectory())) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> await(inProcess.findBySamAccountName("alice")));
            KdcFailure failure = assertInstanceOf(KdcFailure.class, e.getCause());
            assertEquals(FailureReason.DIRECTORY_UNAVAILABLE, failure.reason());
            assertFalse(failure.text().isEmpty());
        }
    }
}
