package dev.pkinitkdc.kdc.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pkinitkdc.kdc.request.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The audit record's shape: dotted names nest, lists append, nulls are left out, one line of valid JSON. */
class AuditJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void recordBecomesOneLineOfTypedJson() throws Exception {
        AuditRecord record = AuditRecord.empty()
                .with("time", AuditRecord.time(Instant.parse("2026-11-22T06:20:19Z")))
                .with("cname", "alice")
                .with("padata", List.of(16, 149))
                .with("certificate.subject", "CN=alice,\nO=\"lab\"")
                .with("certificate.serial", "1a2b")
                .append("trust", "step", "path", "result", "ok", "path_length", 2)
                .append("trust", "step", "ntauth", "result", "ok", "issuing_ca", null)
                .with("mapping", AuditRecord.object("method", "san_upn", "strong", true))
                .with("ticket.renew_till", Optional.empty())
                .with("ticket.endtime", Instant.parse("2026-11-22T16:20:19Z"))
                .with("e_text", null)
                .with("latency_ms", 3L);

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
        assertEquals(List.of("time", "cname", "padata", "certificate", "trust", "mapping", "ticket", "latency_ms"),
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
        String line = AuditJson.line(AuditRecord.empty().with("realm", realm).with("result", "refused"));
        line.chars().forEach(c -> assertTrue(c >= 0x20 && c < 0x7f, () -> String.format(
                "U+%04X left raw in the audit line %s", c, line)));
        assertEquals(realm, JSON.readTree(line).get("realm").asText());
        assertEquals("CN=Zoë", JSON.readTree(AuditJson.line(AuditRecord.empty().with("s", "CN=Zoë"))).get("s")
                .asText());
    }

    @Test
    void recordsAreImmutable() {
        AuditRecord first = AuditRecord.empty().with("certificate.serial", "01");
        AuditRecord second = first.with("certificate.subject", "CN=x").append("trust", "step", "path");
        assertEquals(Optional.empty(), first.value("certificate.subject"));
        assertEquals(Optional.empty(), first.value("trust"));
        assertEquals(Optional.of("01"), second.value("certificate.serial"));
        assertEquals(Optional.of("CN=x"), second.value("certificate.subject"));
    }

    private static List<String> iterate(JsonNode json) {
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
