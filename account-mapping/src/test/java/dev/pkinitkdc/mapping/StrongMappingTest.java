package dev.pkinitkdc.mapping;

import static dev.pkinitkdc.mapping.Failures.await;
import static dev.pkinitkdc.mapping.Failures.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.mapping.altsec.AltSecurityIdentity;
import dev.pkinitkdc.mapping.ldap.LdapAccountDirectory;
import dev.pkinitkdc.mapping.method.MappingMethod;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KB5014754 strong mapping, altSecurityIdentities, computers, account state and traces against a real LDAP server. */
class StrongMappingTest {
    private static final String REALM = "LAB.EXAMPLE";
    private static final String ALICE_SID = "S-1-5-21-1-2-3-1104";
    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    private static final MappingPolicy FULL = MappingPolicy.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC));
    private static final ClientNameHint NONE = ClientNameHint.none(REALM);
    private static final long FILETIME_2020 = 132_223_104_000_000_000L;

    private LabDirectory lab;
    private ExecutorService executor;
    private LdapAccountDirectory directory;

    @BeforeEach
    void start() throws Exception {
        lab = new LabDirectory();
        executor = Executors.newFixedThreadPool(2);
        directory = lab.client(executor);
    }

    @AfterEach
    void stop() {
        directory.close();
        executor.shutdownNow();
        lab.close();
    }

    private DirectoryCertificateMapper mapper(MappingPolicy policy) {
        return new DirectoryCertificateMapper(directory, REALM, policy);
    }

    private static ClientNameHint sam(String name) {
        return new ClientNameHint(ClientNameHint.NT_PRINCIPAL, List.of(name), REALM);
    }

    private static CertBuilder upn(String upn) {
        return new CertBuilder().san(SubjectAltNames.upnName(upn));
    }

    @Test
    void fullRefusesAWeakOnlyMappingWith66AndCarriesTheTrace() {
        MappingRefusal r = assertInstanceOf(MappingRefusal.class, failure(FailureReason.CERTIFICATE_MISMATCH,
                mapper(FULL).map(upn("alice@lab.example").build(), sam("alice"))));
        String trace = r.trace().render();
        assertTrue(trace.contains("HINT: hint name-type 1 alice@LAB.EXAMPLE"), trace);
        assertTrue(trace.contains("SEARCH: looked up sAMAccountName=alice: CN=alice"), trace);
        assertTrue(trace.contains("METHOD SAN_UPN (weak): found: certificate UPN alice@lab.example"), trace);
        assertTrue(trace.contains("enforcement is FULL"), trace);
        assertTrue(trace.endsWith("REFUSED: CERTIFICATE_MISMATCH: " + r.text()), trace);
    }

    @Test
    void sidExtensionOrSanUriMatchingObjectSidMakesItStrong() throws Exception {
        AccountMapping m = await(mapper(FULL).map(upn("alice@lab.example").sidExtension(ALICE_SID).build(),
                sam("alice")));
        assertTrue(m.strong());
        assertEquals(MappingMethod.SAN_UPN, m.method());
        String trace = m.trace().render();
        assertTrue(trace.contains("STRENGTH: the certificate's SID " + ALICE_SID + " is the objectSid"), trace);
        assertTrue(trace.contains("ACCOUNT_STATE: enabled, not expired, not locked out"), trace);
        assertTrue(trace.contains("ACCEPTED: CN=alice,CN=Users,DC=lab,DC=example"), trace);

        assertTrue(await(mapper(FULL).map(upn("alice@lab.example").sidUri(ALICE_SID.toLowerCase()).build(),
                NONE)).strong());
    }

    @Test
    void aSidThatIsNotObjectSidIs66EvenWithEnforcementOff() {
        MappingPolicy off = FULL.withEnforcement(StrongMappingEnforcement.OFF);
        failure(FailureReason.CERTIFICATE_MISMATCH,
                mapper(off).map(upn("alice@lab.example").sidExtension("S-1-5-21-1-2-3-500").build(), sam("alice")));
        failure(FailureReason.CERTIFICATE_MISMATCH,
                mapper(off).map(upn("alice@lab.example").sidUri("S-1-5-21-9-9-9-1104").build(), NONE));
        // bob has no objectSid at all
        failure(FailureReason.CERTIFICATE_MISMATCH, mapper(off).map(new CertBuilder()
                .san(SubjectAltNames.kerberosName(new dev.pkinitkdc.pkinit.cert.KerberosPrincipalName(REALM, 1,
                        List.of("bob")))).sidExtension(ALICE_SID).build(), sam("bob")));
    }

    @Test
    void compatibilityRefusesCertificatesOlderThanTheAccountUnlessBackdatingAllows() throws Exception {
        lab.addUser("carol", "carol@lab.example", new Attribute("whenCreated", "20240101000000.0Z"));
        MappingPolicy compat = FULL.withEnforcement(StrongMappingEnforcement.COMPATIBILITY);
        X509Certificate older = upn("carol@lab.example").notBefore(Instant.parse("2023-12-31T23:55:00Z")).build();
        failure(FailureReason.CERTIFICATE_MISMATCH, mapper(compat).map(older, sam("carol")));
        AccountMapping m = await(mapper(compat.withBackdatingCompensation(Duration.ofMinutes(10)))
                .map(older, sam("carol")));
        assertFalse(m.strong());
        X509Certificate newer = upn("carol@lab.example").notBefore(Instant.parse("2024-01-01T00:00:00Z")).build();
        assertEquals("carol", await(mapper(compat).map(newer, sam("carol"))).account().samAccountName());
        // no whenCreated: cannot be shown not to predate the account
        failure(FailureReason.CERTIFICATE_MISMATCH, mapper(compat).map(upn("alice@lab.example").build(), sam("alice")));
        // OFF accepts the older certificate
        assertFalse(await(mapper(FULL.withEnforcement(StrongMappingEnforcement.OFF)).map(older, sam("carol"))).strong());
    }

    @Test
    void explicitStrongMappingWithoutHintInOneSearchSkippingUnparseableValues() throws Exception {
        X509Certificate cert = new CertBuilder().subject("CN=Dave").serial(new java.math.BigInteger("2B0012", 16))
                .build();
        String stored = AltSecurityIdentity.strongForms(cert).get(0).adValue();
        assertEquals("X509:<I>DC=example,DC=lab,CN=LAB-CA<SR>12002B", stored);
        lab.addUser("dave", null, new Attribute("altSecurityIdentities", "X509:<SR>zz", stored));
        AccountMapping m = await(mapper(FULL).map(cert, NONE));
        assertEquals("dave", m.account().samAccountName());
        assertEquals(MappingMethod.ALT_ISSUER_SERIAL, m.method());
        assertTrue(m.strong());
        String trace = m.trace().render();
        assertEquals(1, m.trace().steps().stream().filter(s -> s.kind() == MappingStep.Kind.SEARCH).count(), trace);
        assertTrue(trace.contains("SKIPPED_VALUE: altSecurityIdentities: skipped unparseable \"X509:<SR>zz\""), trace);
        assertTrue(trace.contains("METHOD ALT_ISSUER_SERIAL (strong)"), trace);
    }

    @Test
    void aDifferentDnSpellingIsFoundWithAHint() throws Exception {
        X509Certificate cert = new CertBuilder().subject("CN=Erin").serial(java.math.BigInteger.valueOf(0x2B12))
                .build();
        lab.addUser("erin", null, new Attribute("altSecurityIdentities",
                "X509:<I>cn=lab-ca, dc=LAB, dc=example<SR>122B"));
        failure(FailureReason.CLIENT_UNKNOWN, mapper(FULL).map(cert, NONE));
        AccountMapping m = await(mapper(FULL).map(cert, sam("erin")));
        assertEquals(MappingMethod.ALT_ISSUER_SERIAL, m.method());
    }

    @Test
    void computerByDnsName() throws Exception {
        lab.addComputer("ws1$");
        MappingPolicy off = FULL.withEnforcement(StrongMappingEnforcement.OFF);
        X509Certificate cert = new CertBuilder().dns("WS1.lab.example").build();
        AccountMapping m = await(mapper(off).map(cert, NONE));
        assertEquals("ws1$", m.account().samAccountName());
        assertEquals(MappingMethod.SAN_DNS, m.method());
        assertEquals(MappingMethod.SAN_DNS, await(mapper(off).map(cert, sam("ws1$"))).method());
        failure(FailureReason.CLIENT_UNKNOWN, mapper(off).map(new CertBuilder().dns("ws1.other.example").build(), NONE));
        // a user named ws2$ is not a computer
        lab.addUser("ws2$", null);
        failure(FailureReason.CLIENT_NAME_MISMATCH,
                mapper(off).map(new CertBuilder().dns("ws2.lab.example").build(), sam("ws2$")));
    }

    @Test
    void firstMethodWinsAndAStrongExplicitMappingOfThatAccountMakesItStrong() throws Exception {
        X509Certificate cert = upn("frank@lab.example").ski(new byte[] {9, 8, 7}).build();
        lab.addUser("frank", "frank@lab.example", new Attribute("altSecurityIdentities", "X509:<SKI>090807"));
        AccountMapping m = await(mapper(FULL).map(cert, NONE));
        assertEquals(MappingMethod.SAN_UPN, m.method());
        assertTrue(m.strong());
        assertTrue(m.trace().render().contains("METHOD ALT_SKI (strong)"), m.trace().render());
    }

    @Test
    void twoMethodsFindingDifferentAccountsWithoutHintIsNotUnique() throws Exception {
        X509Certificate cert = upn("alice@lab.example").ski(new byte[] {1, 1}).build();
        lab.addUser("gina", null, new Attribute("altSecurityIdentities", "X509:<SKI>0101"));
        MappingRefusal r = assertInstanceOf(MappingRefusal.class,
                failure(FailureReason.CLIENT_NOT_UNIQUE, mapper(FULL).map(cert, NONE)));
        assertTrue(r.text().contains("by SAN_UPN and to CN=gina"), r.text());
        // with a hint, each account is decided alone
        assertEquals(MappingMethod.ALT_SKI, await(mapper(FULL).map(cert, sam("gina"))).method());
    }

    @Test
    void aCertificateMappedToSeveralAccountsIsNotUnique() throws Exception {
        X509Certificate cert = new CertBuilder().subject("CN=Shared").build();
        String sha1 = AltSecurityIdentity.strongForms(cert).get(1).adValue();
        lab.addUser("h1", null, new Attribute("altSecurityIdentities", sha1));
        lab.addUser("h2", null, new Attribute("altSecurityIdentities", sha1.toLowerCase().replace("x509:<sha1-pukey>",
                "X509:<SHA1-PUKEY>")));
        failure(FailureReason.CLIENT_NOT_UNIQUE, mapper(FULL).map(cert, NONE));
        assertEquals("h2", await(mapper(FULL).map(cert, sam("h2"))).account().samAccountName());
    }

    @Test
    void accountStates() throws Exception {
        MappingPolicy off = FULL.withEnforcement(StrongMappingEnforcement.OFF);
        lab.addUser("dis", "dis@lab.example", new Attribute("userAccountControl", "514"));
        lab.addUser("exp", "exp@lab.example", new Attribute("accountExpires", Long.toString(FILETIME_2020)));
        lab.addUser("never", "never@lab.example", new Attribute("accountExpires", Long.toString(Long.MAX_VALUE)));
        lab.addUser("zero", "zero@lab.example", new Attribute("accountExpires", "0"));
        lab.addUser("lock", "lock@lab.example", new Attribute("lockoutTime", Long.toString(FILETIME_2020)));
        lab.addUser("card", "card@lab.example", new Attribute("userAccountControl", Long.toString(0x40200)));
        failure(FailureReason.ACCOUNT_DISABLED, mapper(off).map(upn("dis@lab.example").build(), sam("dis")));
        failure(FailureReason.ACCOUNT_EXPIRED, mapper(off).map(upn("exp@lab.example").build(), NONE));
        await(mapper(off).map(upn("never@lab.example").build(), sam("never")));
        await(mapper(off).map(upn("zero@lab.example").build(), sam("zero")));
        failure(FailureReason.ACCOUNT_LOCKED_OUT, mapper(off).map(upn("lock@lab.example").build(), sam("lock")));
        assertFalse(await(mapper(off.withLockoutDuration(Duration.ofMinutes(30)))
                .map(upn("lock@lab.example").build(), sam("lock"))).state().lockedOut());
        AccountMapping card = await(mapper(off).map(upn("card@lab.example").build(), sam("card")));
        assertTrue(card.state().smartcardRequired());
        assertTrue(card.trace().render().contains("smart card required (fine for PKINIT)"), card.trace().render());
    }

    @Test
    void useSubjectAltNameOffIgnoresTheUpn() {
        MappingPolicy off = FULL.withEnforcement(StrongMappingEnforcement.OFF).withUseSubjectAltName(false);
        failure(FailureReason.CLIENT_NAME_MISMATCH, mapper(off).map(upn("alice@lab.example").build(), sam("alice")));
        failure(FailureReason.CLIENT_UNKNOWN, mapper(off).map(upn("alice@lab.example").build(), NONE));
    }
}
