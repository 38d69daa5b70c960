package dev.pkinitkdc.kdc.tool.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.cli.UsageException;
import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import dev.pkinitkdc.kdc.tool.lab.LabRevocationServer;
import dev.pkinitkdc.kdc.tool.lab.TestLabs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * explain against the lab's configuration, directory and revocation server: accepted and refused certificates,
 * step by step.
 */
class ExplainCommandTest {
    @TempDir
    static Path dir;
    static LabEnvironment lab;
    static LabRevocationServer revocation;

    @BeforeAll
    static void lab() throws Exception {
        lab = TestLabs.withFreeRevocationPort(dir);
        revocation = lab.startRevocationServer();
    }

    @AfterAll
    static void stop() {
        if (revocation != null) {
            revocation.close();
        }
    }

    private record Outcome(int exit, String text) {
    }

    private static Outcome explain(String user, String hint) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = hint == null
                ? new String[] {"--config", lab.kdcConf().toString(), "--cert", lab.user(user).certificate().toString()}
                : new String[] {"--config", lab.kdcConf().toString(), "--cert", lab.user(user).certificate().toString(),
                        "--hint", hint};
        int exit = ExplainCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void carolIsAcceptedByHerStrongExplicitMappingAndEachStepIsShown() throws Exception {
        Outcome o = explain("carol", "carol");
        assertEquals(0, o.exit(), o.text());
        assertTrue(o.text().contains("chain: CN=carol -> CN=Lab Issuing CA"), o.text());
        assertTrue(o.text().contains("NTAuth (directory CN=NTAuthCertificates,CN=Public Key Services,CN=Services,"
                + "CN=Configuration,DC=lab,DC=example): issuing CA CN=Lab Issuing CA,O=LAB.EXAMPLE (SHA-1 "), o.text());
        assertTrue(o.text().contains(") is in the store"), o.text());
        assertTrue(o.text().contains("looked up as sAMAccountName"), o.text());
        assertTrue(o.text().contains("ALT_ISSUER_SERIAL"), o.text());
        assertTrue(o.text().contains("Result: ACCEPTED: account CN=carol,CN=Users,DC=lab,DC=example"), o.text());
        assertTrue(o.text().contains("strong mapping"), o.text());
    }

    @Test
    void theRevocationAnswersOfEachCertificateAreShownAndRevokedIsRefusedWith72() throws Exception {
        Outcome carol = explain("carol", "carol");
        assertTrue(carol.text().contains("revocation of CN=carol serial "), carol.text());
        assertTrue(carol.text().contains("ocsp " + lab.revocationUrls().ocsp() + ": good"), carol.text());
        assertTrue(carol.text().contains("revocation of CN=Lab Issuing CA,O=LAB.EXAMPLE serial "), carol.text());
        assertTrue(carol.text().contains("crl " + lab.revocationUrls().rootCrl() + ": good"), carol.text());

        Outcome revoked = explain("revoked", "revoked");
        assertEquals(ExplainCommand.REFUSED, revoked.exit(), revoked.text());
        assertTrue(revoked.text().contains("revocation decided by ocsp ([revocation] mode = hard_fail): REFUSED"),
                revoked.text());
        assertTrue(revoked.text().contains("Result: REFUSED with KRB-ERROR 72 (REVOKED_CERTIFICATE): certificate "
                + "CN=revoked serial "), revoked.text());
    }

    @Test
    void withRevocationOffTheRevokedUserIsAcceptedAndExplainSaysNotChecked() throws Exception {
        Path conf = lab.dir().resolve("kdc-revocation-off.conf");
        Files.writeString(conf, Files.readString(lab.kdcConf()).replace("mode = hard_fail", "mode = off"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ExplainCommand.run(new String[] {"--config", conf.toString(), "--cert",
                lab.user("revoked").certificate().toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        assertTrue(text.contains("revocation: not checked ([revocation] mode = off)"), text);
    }

    @Test
    void weakIsRefusedWith66AndTheTraceSaysWhy() throws Exception {
        Outcome o = explain("weak", "weak");
        assertEquals(ExplainCommand.REFUSED, o.exit(), o.text());
        assertTrue(o.text().contains("ALT_ISSUER_SUBJECT"), o.text());
        assertTrue(o.text().contains("Result: REFUSED with KRB-ERROR 66 (CERTIFICATE_MISMATCH)"), o.text());
        assertTrue(o.text().contains("enforcement is FULL"), o.text());
    }

    @Test
    void withoutAHintTheCertificatesMappingsAreSearched() throws Exception {
        Outcome o = explain("alice", null);
        assertEquals(0, o.exit(), o.text());
        assertTrue(o.text().contains("Hint: none"), o.text());
        assertTrue(o.text().contains("SAN_UPN"), o.text());
    }

    @Test
    void aHintForAnotherAccountIsRefusedWith75() throws Exception {
        Outcome o = explain("bob", "alice");
        assertEquals(ExplainCommand.REFUSED, o.exit(), o.text());
        assertTrue(o.text().contains("KRB-ERROR 75"), o.text());
    }

    @Test
    void aCertificateTheTrustAnchorsDoNotCoverStopsAtTrust() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ExplainCommand.run(new String[] {"--config", lab.kdcConf().toString(), "--cert",
                lab.layout().rootCertificate().toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(ExplainCommand.REFUSED, exit, text);
        assertTrue(text.contains("REFUSED with KRB-ERROR 7"), text);
    }

    @Test
    void usageErrors() {
        assertThrows(UsageException.class, () -> ExplainCommand.parse(new String[] {"--hint", "alice"}));
        assertThrows(UsageException.class, () -> ExplainCommand.parse(new String[] {"--cert"}));
        assertThrows(UsageException.class, () -> ExplainCommand.parse(new String[] {"--cert", "x", "--colour", "y"}));
    }

    @Test
    void anNtAuthStoreHoldingOnlyTheRootIsRefusedWith62() throws Exception {
        Path conf = lab.dir().resolve("kdc-ntauth-root.conf");
        Files.writeString(conf, Files.readString(lab.kdcConf())
                .replace("source = directory", "source = files\nfiles = ca/root.pem"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ExplainCommand.run(new String[] {"--config", conf.toString(), "--cert",
                lab.user("alice").certificate().toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(ExplainCommand.REFUSED, exit, text);
        assertTrue(text.contains("issuing CA CN=Lab Issuing CA,O=LAB.EXAMPLE (SHA-1 "), text);
        assertTrue(text.contains("is NOT in the store"), text);
        assertTrue(text.contains("Result: REFUSED with KRB-ERROR 62 (CLIENT_NOT_TRUSTED)"), text);
    }
}
