package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.lab.LabUser;
import dev.pkinitkdc.kdc.pipeline.AsReqPipeline;
import dev.pkinitkdc.revocation.RevocationChecker;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation with real MIT kinit against the lab, whose own HTTP server on loopback answers OCSP and serves the
 * CRLs its certificates point at: the lab user {@code revoked} is refused with KDC_ERR_REVOKED_CERTIFICATE (72)
 * via OCSP and via the CRL, and gets a ticket with {@code mode = off}; with the revocation server down, hard_fail
 * refuses alice with KDC_ERR_REVOCATION_STATUS_UNAVAILABLE (74) and soft_fail lets her in, saying so. Each test has
 * a fresh lab folder, so no CRL is cached from an earlier one.
 */
class MitKinitRevocationTest {
    private static final String AUDIT = "dev.pkinitkdc.audit";

    @TempDir
    Path dir;

    private MitKinit.Result kinit(LabKdc kdc, String user, String label) throws Exception {
        LabUser u = kdc.lab.user(user);
        return MitKinit.run(kdc.lab.krb5Conf(), dir, label, "FILE:" + u.certificate() + "," + u.privateKey(), user);
    }

    private static UnaryOperator<String> revocation(String key, String value) {
        return conf -> conf.replaceFirst("(?m)^" + key + " = .*$", key + " = " + value);
    }

    private static void assertRefused(int code, MitKinit.Result r) {
        assertNotEquals(0, r.exitCode(), r::toString);
        assertTrue(r.kdcErrors().contains(code), r::toString);
    }

    /** The audit line of the PKINIT request (the one that got past pre-authentication) for {@code user}. */
    private static String auditLine(LogCapture audit, String result) {
        return audit.lines().stream().filter(l -> l.contains("revocation=") && l.contains(result)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no audit line with " + result + " in " + audit.lines()));
    }

    @Test
    void theRevokedUserIsRefusedWith72ViaOcspAndAliceLogsOn() throws Exception {
        try (LogCapture audit = new LogCapture(AUDIT);
             LogCapture refusals = new LogCapture(AsReqPipeline.class);
             LabKdc kdc = LabKdc.start(dir.resolve("lab"))) {
            assertRefused(72, kinit(kdc, "revoked", "revoked"));
            String line = auditLine(audit, "code=72");
            assertTrue(line.contains("revocation=revoked revocation.decided_by=ocsp revocation.source=ocsp "
                    + "revocation.location=" + kdc.lab.revocationUrls().ocsp()), line);
            assertTrue(refusals.lines().stream().anyMatch(l -> l.contains("refused with 72")
                    && l.contains("CN=revoked serial ") && l.contains(" revoked (keyCompromise) ")
                    && l.contains("per OCSP " + kdc.lab.revocationUrls().ocsp())), refusals.lines().toString());

            MitKinit.Result alice = kinit(kdc, "alice", "alice");
            assertEquals(0, alice.exitCode(), alice::toString);
            assertTrue(auditLine(audit, "result=ok").contains("revocation=good"), audit.lines().toString());
        }
    }

    @Test
    void theRevokedUserIsRefusedWith72ViaTheCrl() throws Exception {
        try (LogCapture audit = new LogCapture(AUDIT);
             LabKdc kdc = LabKdc.start(dir.resolve("lab"), "", revocation("order", "crl"))) {
            assertRefused(72, kinit(kdc, "revoked", "revoked-crl"));
            String line = auditLine(audit, "code=72");
            assertTrue(line.contains("revocation.decided_by=crl revocation.source=crl revocation.location="
                    + kdc.lab.revocationUrls().issuingCrl()), line);
        }
    }

    @Test
    void withModeOffTheRevokedUserGetsATicketAndEveryAuditLineSaysOff() throws Exception {
        try (LogCapture audit = new LogCapture(AUDIT);
             LabKdc kdc = LabKdc.start(dir.resolve("lab"), "", revocation("mode", "off"))) {
            MitKinit.Result r = kinit(kdc, "revoked", "revoked-off");
            assertEquals(0, r.exitCode(), r::toString);
            List<String> lines = audit.lines();
            assertTrue(lines.size() >= 2, "the pre-authentication round trip and the PKINIT request: " + lines);
            lines.forEach(l -> assertTrue(l.contains("revocation=off"), l));
            assertTrue(lines.get(lines.size() - 1).contains("result=ok"), lines.toString());
        }
    }

    @Test
    void withTheRevocationServerDownHardFailRefusesAliceWith74() throws Exception {
        try (LabKdc kdc = LabKdc.start(dir.resolve("lab"))) {
            kdc.revocation.close();   // nothing fetched yet: no cached response or CRL to fall back on
            assertRefused(74, kinit(kdc, "alice", "alice-hard"));
        }
    }

    @Test
    void withTheRevocationServerDownSoftFailLetsAliceInAndSaysSo() throws Exception {
        try (LogCapture audit = new LogCapture(AUDIT);
             LogCapture checker = new LogCapture(RevocationChecker.class);
             LabKdc kdc = LabKdc.start(dir.resolve("lab"), "", revocation("mode", "soft_fail"))) {
            kdc.revocation.close();
            MitKinit.Result r = kinit(kdc, "alice", "alice-soft");
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(checker.contains("revocation soft-fail: allowing although the status of certificate CN=alice"),
                    checker.lines().toString());
            assertFalse(checker.contains(" revoked "), checker.lines().toString());
            assertTrue(auditLine(audit, "result=ok").contains("revocation.decided_by=mode=soft_fail"),
                    audit.lines().toString());
        }
    }
}
