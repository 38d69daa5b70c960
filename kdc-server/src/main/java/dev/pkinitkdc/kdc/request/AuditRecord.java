package dev.pkinitkdc.kdc.request;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The facts each stage learned about one AS-REQ, in the order learned. Immutable: {@link #with} returns a new
 * record. Values must never be key material.
 */
public record AuditRecord(List<Fact> facts) {
    public record Fact(String name, String value) {
    }

    public AuditRecord {
        facts = Collections.unmodifiableList(new ArrayList<>(facts));
    }

    public static AuditRecord empty() {
        return new AuditRecord(List.of());
    }

    public AuditRecord with(String name, Object value) {
        List<Fact> next = new ArrayList<>(facts);
        next.add(new Fact(name, String.valueOf(value)));
        return new AuditRecord(next);
    }

    /** One line, {@code name=value} pairs, values with spaces quoted. */
    public String toLine() {
        StringBuilder sb = new StringBuilder();
        for (Fact f : facts) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            String v = f.value();
            sb.append(f.name()).append('=');
            if (v.isEmpty() || v.chars().anyMatch(c -> c == ' ' || c == '"')) {
                sb.append('"').append(v.replace("\"", "\\\"")).append('"');
            } else {
                sb.append(v);
            }
        }
        return sb.toString();
    }
}
