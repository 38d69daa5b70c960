package dev.pkinitkdc.kdc.support.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pkinitkdc.kdc.request.AuditFacts;
import dev.pkinitkdc.kdc.request.AuditRecord;
import dev.pkinitkdc.kdc.request.CertificateFacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The audit record's shape: nested records nest, lists are arrays, nulls are left out, one line of valid JSON. */
class AuditJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void recordBecomesOneLineOfTypedJson() throws Exception {
        AuditRecord record = AuditRecord.empty()
                .with(new AuditFacts.Received(Instant.parse("2026-11-22T06:20:19Z"), "192.0.2.1", "tcp"))
                .with(new AuditFacts.Decoded("alice", "LAB.EXAMPLE", "aes256-cts-hmac-sha1-96", List.of(16, 149)))
                .with(new AuditFacts.Pkinit(new CertificateFacts("CN=alice,\nO=\"lab\"", "CN=CA", "1a2b", "AB", "CD"),
                        "dh-modp14", "none"))
                .with(new AuditFacts.Trust(List.of(new AuditFacts.TrustStep("path", "ok", null, 2, null, null),
                        new AuditFacts.TrustStep("ntauth", "ok", null, null, null, null))))
                .with(new AuditFacts.Mapping(new AuditFacts.MappedAccount("san_upn", true, null, null, null)))
                .with(new AuditFacts.Issued(null, "-", new AuditFacts.TicketFacts("alice@LAB.EXAMPLE",
                        Instant.parse("2026-11-22T16:20:19Z"), null, "600000", "aes256-cts-hmac-sha384-192")))
                .with(AuditFacts.Outcome.ok())
                .with(new AuditFacts.Timing(3L));

        String line = AuditJson.line(record);
        assertFalse(line.contains("\n"), line);
        JsonNode json = JSON.readTree(line);
        assertEquals("2026-11-22T06:20:19.000Z", json.get("time").asText());
        assertEquals("alice", json.get("cname").asText());
        assertTrue(json.get("padata").get(1).isInt());
        assertEquals(149, json.get("padata").get(1).asInt());
        assertEquals("CN=alice,\nO=\"lab\"", json.get("certificate").get("subject").asText());
        assertEquals("1a2b", json.get("certificate").get("serial").asText());
        assertEquals(2, json.get("trust").size());
        assertEquals(2, json.get("trust").get(0).get("path_length").asInt());
        assertEquals("ntauth", json.get("trust").get(1).get("step").asText());
        assertFalse(json.get("trust").get(1).has("issuing_ca"), "null values are left out");
        assertTrue(json.get("mapping").get("strong").isBoolean());
        assertFalse(json.get("ticket").has("renew_till"));
        assertEquals("2026-11-22T16:20:19Z", json.get("ticket").get("endtime").asText());
        assertFalse(json.has("e_text"));
        assertEquals(3, json.get("latency_ms").asLong());
        assertEquals(List.of("time", "client", "transport", "cname", "realm", "enctype", "padata", "certificate", "kx",
                "freshness", "trust", "mapping", "ocsp_staple", "ticket", "result", "latency_ms"),
                iterate(json), "fields in the order the stages learned them");
    }

    /**
     * Issue 16: a realm an attacker sends must not end the audit line for a reader that splits lines as Python's
     * {@code splitlines} or a log viewer does (NEL, U+2028, U+2029, VT, FF, FS/GS/RS), nor repaint a terminal (ESC).
     */
    @Test
    void clientTextCannotBreakTheLineForAnyLineReader() throws Exception {
        String realm = "EVIL\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029\u001b[2J\u202e\u007f"
                + "{\"result\":\"ok\",\"cname\":\"admin\"}";
        String line = AuditJson.line(AuditRecord.empty()
                .with(new AuditFacts.Decoded("alice", realm, "aes256-cts-hmac-sha1-96", List.of()))
                .with(AuditFacts.Outcome.refused(68, "WRONG_REALM", realm, realm, "decode")));
        line.chars().forEach(c -> assertTrue(c >= 0x20 && c < 0x7f, () -> String.format(
                "U+%04X left raw in the audit line %s", c, line)));
        assertEquals(realm, JSON.readTree(line).get("realm").asText());
        assertEquals("CN=Zoë", JSON.readTree(AuditJson.line(AuditRecord.empty()
                .with(new AuditFacts.Decoded("CN=Zoë", "LAB.EXAMPLE", null, null)))).get("cname").asText());
    }

    @Test
    void recordsAreImmutable() {
        AuditRecord first = AuditRecord.empty().with(new AuditFacts.Pkinit(
                new CertificateFacts(null, null, "01", null, null), "dh-modp14", "none"));
        AuditRecord second = first.with(new AuditFacts.Trust(List.of(AuditFacts.TrustStep.passed("path"))));
        assertEquals(Optional.empty(), first.value("trust"));
        assertEquals(Optional.of("01"), second.value("certificate.serial"));
        assertEquals(Optional.of("ok"), second.value("trust").map(t -> ((Map<?, ?>) ((List<?>) t).get(0)).get("result")));
    }

    @Test
    void aStagesLaterFactsReplaceItsEarlierOnesInPlace() throws Exception {
        AuditRecord record = AuditRecord.empty()
                .with(new AuditFacts.Received(Instant.parse("2026-11-22T06:20:19Z"), "-", "udp"))
                .with(AuditFacts.Revocation.off())
                .with(new AuditFacts.Decoded("alice", "LAB.EXAMPLE", null, null))
                .with(new AuditFacts.Revocation(new AuditFacts.RevocationCheck("good", "ocsp", null, null, null, null,
                        null, List.of())));
        JsonNode json = JSON.readTree(AuditJson.line(record));
        assertEquals(List.of("time", "client", "transport", "revocation", "cname", "realm"), iterate(json));
        assertEquals("good", json.get("revocation").get("status").asText());
        assertEquals(0, json.get("revocation").get("certificates").size(), "an empty list is written");
    }

    private static List<String> iterate(JsonNode json) {
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
