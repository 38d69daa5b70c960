package dev.pkinitkdc.kdc.request;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the stages established about one AS-REQ, as the typed facts of {@link AuditFacts} in the order the stages
 * added them; {@link AuditFields} names them as the audit line's fields (README "Audit log and metrics").
 * Immutable: {@link #with} returns a new record.
 */
public record AuditRecord(List<AuditFacts> facts) {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public AuditRecord {
        facts = List.copyOf(facts);
    }

    /** ISO-8601 UTC with milliseconds, always three digits: {@code 2026-11-22T06:20:19.042Z}. */
    public static String time(Instant instant) {
        return TIME.format(instant);
    }

    public static AuditRecord empty() {
        return new AuditRecord(List.of());
    }

    /** This record with {@code stage}'s facts: at the end, or in place of earlier facts of the same kind. */
    public AuditRecord with(AuditFacts stage) {
        List<AuditFacts> next = new ArrayList<>(facts.size() + 1);
        boolean replaced = false;
        for (AuditFacts f : facts) {
            if (f.getClass() == stage.getClass()) {
                next.add(stage);
                replaced = true;
            } else {
                next.add(f);
            }
        }
        if (!replaced) {
            next.add(stage);
        }
        return new AuditRecord(next);
    }

    /** The facts of one kind, if a stage added them. */
    public <T extends AuditFacts> Optional<T> facts(Class<T> kind) {
        return facts.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** The field at a dotted path ({@code revocation.status}) as {@link AuditFields} writes it, if set. */
    public Optional<Object> value(String path) {
        Object current = AuditFields.of(this);
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return Optional.empty();
            }
            current = map.get(part);
        }
        return Optional.of(current);
    }
}
