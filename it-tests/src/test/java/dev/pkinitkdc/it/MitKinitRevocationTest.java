package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pkinitkdc.kdc.as.AsReqProcessor;
import dev.pkinitkdc.kdc.tool.lab.LabUser;
import dev.pkinitkdc.revocation.RevocationChecker;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
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

    private static String revocation(JsonNode record, String field) {
        return record.path("revocation").path(field).asText();
    }

    @Test
    void theRevokedUserIsRefusedWith72ViaOcspAndAliceLogsOn() throws Exception {
        try (AuditFile audit = new AuditFile(dir.resolve("lab"));
             LogCapture refusals = new LogCapture(AsReqProcessor.class);
             LabKdc kdc = LabKdc.start(dir.resolve("lab"))) {
            assertRefused(72, kinit(kdc, "revoked", "revoked"));
            JsonNode line = audit.lastRefused(72);
            assertEquals("revoked", revocation(line, "status"), line::toString);
            assertEquals("ocsp", revocation(line, "decided_by"), line::toString);
            assertEquals("ocsp", revocation(line, "source"), line::toString);
            assertEquals(kdc.lab.revocationUrls().ocsp(), revocation(line, "location"), line::toString);
            assertTrue(refusals.lines().stream().anyMatch(l -> l.contains("refused with 72")
                    && l.contains("CN=revoked serial ") && l.contains(" revoked (keyCompromise) ")
                    && l.contains("per OCSP " + kdc.lab.revocationUrls().ocsp())), refusals.lines().toString());

            MitKinit.Result alice = kinit(kdc, "alice", "alice");
            assertEquals(0, alice.exitCode(), alice::toString);
            assertEquals("good", revocation(audit.lastOk(), "status"), audit.records()::toString);
        }
    }

    @Test
    void theRevokedUserIsRefusedWith72ViaTheCrl() throws Exception {
        try (AuditFile audit = new AuditFile(dir.resolve("lab"));
             LabKdc kdc = LabKdc.start(dir.resolve("lab"), "", revocation("order", "crl"))) {
            assertRefused(72, kinit(kdc, "revoked", "revoked-crl"));
            JsonNode line = audit.lastRefused(72);
            assertEquals("crl", revocation(line, "decided_by"), line::toString);
            assertEquals("crl", revocation(line, "source"), line::toString);
            assertEquals(kdc.lab.revocationUrls().issuingCrl(), revocation(line, "location"), line::toString);
        }
    }

    @Test
    void withModeOffTheRevokedUserGetsATicketAndEveryAuditLineSaysOff() throws Exception {
        try (AuditFile audit = new AuditFile(dir.resolve("lab"));
             LabKdc kdc = LabKdc.start(dir.resolve("lab"), "", revocation("mode", "off"))) {
            MitKinit.Result r = kinit(kdc, "revoked", "revoked-off");
            assertEquals(0, r.exitCode(), r::toString);
            List<JsonNode> lines = audit.records();
            assertTrue(lines.size() >= 2, "the pre-authentication round trip and the PKINIT request: " + lines);
            lines.forEach(l -> assertEquals("off", revocation(l, "status"), l::toString));
            assertEquals("ok", lines.get(lines.size() - 1).path("result").asText(), lines::toString);
        }
    }

    /**
     * Issue 21: a client on the host that leaves two OCSP POSTs half sent held both threads of the lab's old JDK
     * server, and alice's uncached logon waited for the fetch timeout and was refused with 74 under hard_fail.
     */
    @Test
    void twoHalfSentPostsToTheLabResponderDoNotKeepAliceOut() throws Exception {
        try (AuditFile audit = new AuditFile(dir.resolve("lab"));
             LabKdc kdc = LabKdc.start(dir.resolve("lab"))) {
            URI ocsp = URI.create(kdc.lab.revocationUrls().ocsp());
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    Socket s = new Socket(ocsp.getHost(), ocsp.getPort());
                    stalled.add(s);
                    s.getOutputStream().write(("POST " + ocsp.getPath() + " HTTP/1.1\r\nHost: " + ocsp.getHost()
                            + "\r\nContent-Length: 100\r\n\r\n0123").getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                }
                MitKinit.Result alice = kinit(kdc, "alice", "alice-while-stalled");
                assertEquals(0, alice.exitCode(), alice::toString);
                assertEquals("good", revocation(audit.lastOk(), "status"), audit.records()::toString);
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
            }
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
        try (AuditFile audit = new AuditFile(dir.resolve("lab"));
             LogCapture checker = new LogCapture(RevocationChecker.class);
             LabKdc kdc = LabKdc.start(dir.resolve("lab"), "", revocation("mode", "soft_fail"))) {
            kdc.revocation.close();
            MitKinit.Result r = kinit(kdc, "alice", "alice-soft");
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(checker.contains("revocation soft-fail: allowing although the status of certificate CN=alice"),
                    checker.lines().toString());
            assertFalse(checker.contains(" revoked "), checker.lines().toString());
            assertEquals("mode=soft_fail", revocation(audit.lastOk(), "decided_by"), audit.records()::toString);
        }
    }
}
