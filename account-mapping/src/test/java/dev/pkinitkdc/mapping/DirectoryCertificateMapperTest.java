package dev.pkinitkdc.mapping;

import static dev.pkinitkdc.mapping.Failures.await;
import static dev.pkinitkdc.mapping.Failures.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.mapping.ldap.LdapAccountDirectory;
import dev.pkinitkdc.mapping.method.MappingMethod;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MS-PKCA 3.1.5.2.1 mapping against a real LDAP server. */
class DirectoryCertificateMapperTest {
    private static final String REALM = "LAB.EXAMPLE";
    private static final X509Certificate ALICE_UPN = TestCertificates.withUpn("alice@lab.example");
    private static final X509Certificate BOB_PKINIT_SAN = TestCertificates.withPkinitSan("bob", REALM);

    private LabDirectory lab;
    private ExecutorService executor;
    private LdapAccountDirectory directory;
    private DirectoryCertificateMapper mapper;

    @BeforeEach
    void start() throws Exception {
        lab = new LabDirectory();
        executor = Executors.newFixedThreadPool(2);
        directory = lab.client(executor);
        mapper = new DirectoryCertificateMapper(directory, REALM,
                MappingPolicy.defaults().withEnforcement(StrongMappingEnforcement.OFF));
    }

    @AfterEach
    void stop() {
        directory.close();
        executor.shutdownNow();
        lab.close();
    }

    private static ClientNameHint hint(int type, String name) {
        return new ClientNameHint(type, List.of(name), REALM);
    }

    @Test
    void aliceBySamAccountNameHint() throws Exception {
        AccountMapping m = await(mapper.map(ALICE_UPN, hint(ClientNameHint.NT_PRINCIPAL, "alice")));
        assertEquals("alice", m.account().samAccountName());
        assertEquals(MappingMethod.SAN_UPN, m.method());
        assertFalse(m.strong());
        assertTrue(m.trace().mentions("looked up sAMAccountName=alice: CN=alice"), m.trace().render());
    }

    @Test
    void aliceByDomainBackslashHintAndCaseInsensitiveUpn() throws Exception {
        X509Certificate upperCase = TestCertificates.withUpn("Alice@LAB.EXAMPLE");
        AccountMapping m = await(mapper.map(upperCase, hint(ClientNameHint.NT_PRINCIPAL, "LAB\\alice")));
        assertEquals("CN=alice,CN=Users,DC=lab,DC=example", m.account().dn());
        assertEquals(MappingMethod.SAN_UPN, m.method());
    }

    @Test
    void aliceByEnterpriseHint() throws Exception {
        AccountMapping m = await(mapper.map(ALICE_UPN, hint(ClientNameHint.NT_ENTERPRISE, "alice@lab.example")));
        assertEquals("alice", m.account().samAccountName());
        assertEquals(MappingMethod.SAN_UPN, m.method());
    }

    @Test
    void bobByPkinitSanWithSamHintAndWithImplicitUpn() throws Exception {
        AccountMapping m = await(mapper.map(BOB_PKINIT_SAN, hint(ClientNameHint.NT_PRINCIPAL, "bob")));
        assertEquals("bob", m.account().samAccountName());
        assertEquals(MappingMethod.PKINIT_SAN, m.method());
        assertFalse(m.strong());

        // bob has no UPN: bob@lab.example is AD's implicit UPN (sAMAccountName in the realm's DNS domain)
        m = await(mapper.map(BOB_PKINIT_SAN, hint(ClientNameHint.NT_ENTERPRISE, "bob@lab.example")));
        assertEquals("bob", m.account().samAccountName());
        assertTrue(m.trace().mentions("looked up userPrincipalName=bob@lab.example: nothing"), m.trace().render());
    }

    @Test
    void pkinitSanInAnotherRealmDoesNotName() {
        X509Certificate otherRealm = TestCertificates.withPkinitSan("bob", "lab.example");
        failure(FailureReason.CLIENT_NAME_MISMATCH, mapper.map(otherRealm, hint(ClientNameHint.NT_PRINCIPAL, "bob")));
    }

    @Test
    void bobsCertificateWithAliceHintIsAMismatch() {
        KdcFailure f = failure(FailureReason.CLIENT_NAME_MISMATCH,
                mapper.map(BOB_PKINIT_SAN, hint(ClientNameHint.NT_PRINCIPAL, "alice")));
        assertEquals("the certificate names id-pkinit-san bob@LAB.EXAMPLE but the hint alice found account "
                + "CN=alice,CN=Users,DC=lab,DC=example (sAMAccountName alice, userPrincipalName alice@lab.example)"
                + " which it does not map to", f.text());
    }

    /** The attacker's names: alice's card asking for bob in every name form maps to nobody, never to alice. */
    @Test
    void aliceCardAskingForBobInAnyNameTypeIsRefused() {
        for (int type : new int[] {0, 1, 2, 3, 10}) {
            failure(FailureReason.CLIENT_NAME_MISMATCH, mapper.map(ALICE_UPN, hint(type, "bob")));
            failure(FailureReason.CLIENT_NAME_MISMATCH, mapper.map(ALICE_UPN, hint(type, "BOB")));
            failure(FailureReason.CLIENT_NAME_MISMATCH, mapper.map(ALICE_UPN, hint(type, "bob@lab.example")));
            failure(FailureReason.CLIENT_NAME_MISMATCH, mapper.map(ALICE_UPN, hint(type, "LAB\\bob")));
        }
    }

    @Test
    void namesThatCannotNameAnAccountAreUnknownNotNoHint() {
        for (List<String> name : List.of(List.of("krbtgt", REALM), List.of("admin", "admin"), List.of("alice", ""),
                List.of(""), List.of("LAB\\"), List.of("al\0ice"), List.of("a".repeat(2000)))) {
            failure(FailureReason.CLIENT_UNKNOWN, mapper.map(ALICE_UPN,
                    new ClientNameHint(ClientNameHint.NT_PRINCIPAL, name, REALM)));
            failure(FailureReason.CLIENT_UNKNOWN, mapper.map(ALICE_UPN,
                    new ClientNameHint(2, name, REALM)));
        }
    }

    @Test
    void unknownHint() {
        failure(FailureReason.CLIENT_UNKNOWN, mapper.map(ALICE_UPN, hint(ClientNameHint.NT_PRINCIPAL, "mallory")));
        failure(FailureReason.CLIENT_UNKNOWN,
                mapper.map(ALICE_UPN, hint(ClientNameHint.NT_ENTERPRISE, "alice@other.example")));
    }

    @Test
    void filterInjectionInHintMatchesNothing() {
        failure(FailureReason.CLIENT_UNKNOWN,
                mapper.map(ALICE_UPN, hint(ClientNameHint.NT_PRINCIPAL, "*)(objectClass=*")));
        failure(FailureReason.CLIENT_UNKNOWN, mapper.map(ALICE_UPN, hint(ClientNameHint.NT_PRINCIPAL, "*")));
        failure(FailureReason.CLIENT_UNKNOWN,
                mapper.map(ALICE_UPN, hint(ClientNameHint.NT_ENTERPRISE, "*)(objectClass=*@lab.example")));
    }

    @Test
    void withoutHintTheCertificateNamesTheAccount() throws Exception {
        ClientNameHint x500 = hint(ClientNameHint.NT_X500_PRINCIPAL, "CN=user");
        AccountMapping alice = await(mapper.map(ALICE_UPN, x500));
        assertEquals("alice", alice.account().samAccountName());
        assertEquals(MappingMethod.SAN_UPN, alice.method());

        AccountMapping bob = await(mapper.map(BOB_PKINIT_SAN, x500));
        assertEquals("bob", bob.account().samAccountName());
        assertEquals(MappingMethod.PKINIT_SAN, bob.method());

        // both names, same account: the first rule that finds it wins
        X509Certificate both = TestCertificates.build(SubjectAltNames.upnName("alice@lab.example"),
                SubjectAltNames.kerberosName(new dev.pkinitkdc.pkinit.cert.KerberosPrincipalName(REALM, 1,
                        List.of("alice"))));
        assertEquals(MappingMethod.SAN_UPN, await(mapper.map(both, x500)).method());
    }

    @Test
    void withoutHintUnknownOrDifferentAccounts() {
        ClientNameHint none = ClientNameHint.none(REALM);
        failure(FailureReason.CLIENT_UNKNOWN, mapper.map(TestCertificates.withUpn("mallory@lab.example"), none));
        failure(FailureReason.CLIENT_UNKNOWN, mapper.map(TestCertificates.withoutSan(), none));
        X509Certificate aliceAndBob = TestCertificates.build(SubjectAltNames.upnName("alice@lab.example"),
                SubjectAltNames.kerberosName(new dev.pkinitkdc.pkinit.cert.KerberosPrincipalName(REALM, 1,
                        List.of("bob"))));
        failure(FailureReason.CLIENT_NOT_UNIQUE, mapper.map(aliceAndBob, none));
    }

    @Test
    void duplicateUpnIsNotUnique() throws Exception {
        lab.addUser("alice2", "alice@lab.example");
        failure(FailureReason.CLIENT_NOT_UNIQUE,
                mapper.map(ALICE_UPN, hint(ClientNameHint.NT_ENTERPRISE, "alice@lab.example")));
        failure(FailureReason.CLIENT_NOT_UNIQUE, mapper.map(ALICE_UPN, ClientNameHint.none(REALM)));
    }

    @Test
    void directoryDownIsUnavailable() {
        lab.stop();
        failure(FailureReason.DIRECTORY_UNAVAILABLE, mapper.map(ALICE_UPN, hint(ClientNameHint.NT_PRINCIPAL, "alice")));
        failure(FailureReason.DIRECTORY_UNAVAILABLE, mapper.map(ALICE_UPN, ClientNameHint.none(REALM)));
    }
}
