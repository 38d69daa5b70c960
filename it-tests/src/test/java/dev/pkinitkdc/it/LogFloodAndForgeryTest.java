package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pkinitkdc.kdc.as.AsReqProcessor;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.KdcTransport;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, section 2, logs and audit: what an attacker without a certificate sends must neither flood the audit log
 * (and so roll real logons out of what {@code max_history} / {@code total_size_cap} keep) nor forge lines in the
 * diagnostic log. Against the lab KDC over TCP.
 */
class LogFloodAndForgeryTest extends LabPerClass {
    /** Garbage requests sent: far more than the KDC writes in full in a minute. */
    private static final int FLOOD = 300;
    /** At most 10 lines in full a minute; a test that straddles a minute boundary sees two windows and a summary. */
    private static final int MOST_IN_FULL = 2 * 10 + 1;

    @Test
    void aFloodOfGarbageLeavesAFewAuditLinesAndTheLogonsStay() throws Exception {
        try (AuditFile audit = new AuditFile(dir.resolve("lab")); LogCapture log = new LogCapture(AsReqProcessor.class)) {
            assertInstanceOf(AsExchangeResult.Success.class,
                    OwnClient.logon(kdc.lab, "alice", "alice", PkinitClientOptions.defaults(), false));
            for (int i = 0; i < FLOOD; i++) {
                // [APPLICATION 10] { INTEGER i }, not a KDC-REQ: refused at the decode stage; each one different, so
                // the lookaside cache (retransmissions) does not answer it
                byte[] garbage = {0x6a, 0x06, 0x30, 0x04, 0x02, 0x02, (byte) (i >> 8), (byte) i};
                assertTrue(KdcTransport.errorCode(OwnClient.tcp(kdc.lab, garbage)) > 0, "a KRB-ERROR each");
            }
            assertInstanceOf(AsExchangeResult.Success.class,
                    OwnClient.logon(kdc.lab, "alice", "alice", PkinitClientOptions.defaults(), false));

            List<JsonNode> records = audit.records();
            long decodeLines = records.stream().filter(r -> r.path("refused_at").asText().equals("decode")).count();
            assertTrue(decodeLines <= MOST_IN_FULL, decodeLines + " audit lines for " + FLOOD + " garbage requests");
            assertEquals(2, records.stream().filter(r -> r.path("result").asText().equals("ok")).count(),
                    "both logons are in the audit log");
            long logLines = log.lines().stream().filter(l -> l.contains("(MALFORMED_REQUEST)")).count();
            assertTrue(logLines <= MOST_IN_FULL, logLines + " log lines for " + FLOOD + " garbage requests");
            double counted = scrape().lines().filter(l -> l.startsWith("pkinit_kdc_undecodable_requests_total "))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
            assertTrue(counted >= FLOOD, "every garbage request is counted: " + counted);
        }
    }

    /**
     * Well-formed AS-REQs without pre-authentication cost an attacker nothing and the KDC little: each got an audit
     * line, so a flood from one host rolled real logons out of the audit files. Now one source gets 60 a minute.
     */
    @Test
    void aFloodOfUnauthenticatedRequestsFromOneHostLeavesABoundedNumberOfAuditLines() throws Exception {
        int flood = 400;
        long mostInFull = 2 * 60 + 1;
        try (AuditFile audit = new AuditFile(dir.resolve("lab"))) {
            PkinitClient client = OwnClient.client(kdc.lab, "alice", PkinitClientOptions.defaults());
            for (int i = 0; i < flood; i++) {
                // no PA-PK-AS-REQ: KDC_ERR_PREAUTH_REQUIRED; a new nonce each, so the lookaside cache does not answer
                byte[] reply = OwnClient.tcp(kdc.lab, client.freshnessRequest(OwnClient.principal("alice"),
                        kdc.lab.realm()));
                assertEquals(25, KdcTransport.errorCode(reply));
            }
            assertInstanceOf(AsExchangeResult.Success.class,
                    OwnClient.logon(kdc.lab, "alice", "alice", PkinitClientOptions.defaults(), false));

            List<JsonNode> records = audit.records();
            long preauthLines = records.stream().filter(r -> r.path("error_code").asInt() == 25).count();
            assertTrue(preauthLines <= mostInFull, preauthLines + " audit lines for " + flood + " requests");
            assertEquals(1, records.stream().filter(r -> r.path("result").asText().equals("ok")).count(),
                    "the logon after the flood is in the audit log");
        }
    }

    @Test
    void aNameOrRealmWithANewlineCannotForgeALogLine() throws Exception {
        try (LogCapture log = new LogCapture(AsReqProcessor.class)) {
            PkinitClient client = OwnClient.client(kdc.lab, "alice", PkinitClientOptions.defaults());
            String forged = "\n2026-11-22 06:38:46 INFO  AS-REQ from 10.0.0.1 issued a TGT for admin\u001b[2K";
            // a name no account has: refused at the mapping stage, whose text quotes the name
            PrincipalName cname = new PrincipalName(List.of("alice" + forged), NameType.NT_PRINCIPAL);
            OwnClient.tcp(kdc.lab, client.newAsReq(cname, kdc.lab.realm()).encoded());
            // a realm not served here: refused at the decode stage, whose text quotes the realm
            OwnClient.tcp(kdc.lab, client.newAsReq(OwnClient.principal("alice"), kdc.lab.realm() + forged)
                    .encoded());

            List<String> refusals = log.lines().stream().filter(l -> l.contains("refused with")).toList();
            assertFalse(refusals.isEmpty(), "the refusals are logged");
            for (String line : refusals) {
                assertFalse(line.contains("\n") || line.contains("\u001b"), "one line, no terminal escape: " + line);
            }
            assertTrue(refusals.stream().anyMatch(l -> l.contains("\\n2026-11-22 06:38:46 INFO")), refusals::toString);
        }
    }

    private static String scrape() throws Exception {
        URI url = kdc.runtime.telemetry().endpoint().orElseThrow().url();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
