package dev.pkinitkdc.kdc.request;

import java.time.Instant;
import java.util.AbstractMap;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The facts each stage learned about one AS-REQ, in the order learned, as the fields of one JSON object
 * (README "Audit log and metrics" has the schema). Immutable: {@link #with} and {@link #append} return a new
 * record. A dotted name ({@code certificate.serial}) is a field of a nested object. Values are strings, numbers,
 * booleans, lists of them, or objects (maps) of them; an {@link Instant} becomes its ISO-8601 text, a null
 * value leaves the field out. Values must never be key material or tickets.
 */
public record AuditRecord(Map<String, Object> fields) {

    public AuditRecord {
        fields = fields instanceof FrozenFields ready ? ready : frozen(fields);
    }

    /**
     * Fields this class built and froze itself: taken as they are, so adding a fact copies the top level once
     * instead of normalizing the whole record again (a request adds some thirty facts).
     */
    private static final class FrozenFields extends AbstractMap<String, Object> {
        private final Map<String, Object> fields;

        FrozenFields(Map<String, Object> fields) {
            this.fields = Collections.unmodifiableMap(fields);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return fields.entrySet();
        }

        @Override
        public Object get(Object key) {
            return fields.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return fields.containsKey(key);
        }
    }

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** ISO-8601 UTC with milliseconds, always three digits: {@code 2026-11-22T06:20:19.042Z}. */
    public static String time(Instant instant) {
        return TIME.format(instant);
    }

    public static AuditRecord empty() {
        return new AuditRecord(Map.of());
    }

    /** This record with {@code name} set to {@code value} (a later value replaces an earlier one). */
    public AuditRecord with(String name, Object value) {
        Object normalized = value == null ? null : normalized(value);
        if (normalized == null) {
            return this;
        }
        Map<String, Object> next = new LinkedHashMap<>(fields);
        put(next, name.split("\\."), 0, normalized);
        return new AuditRecord(new FrozenFields(next));
    }

    /**
     * This record with one more object at the end of the list {@code name}, built from {@code keyValues} (name,
     * value, name, value...; null values left out).
     */
    public AuditRecord append(String name, Object... keyValues) {
        List<Object> list = new ArrayList<>();
        value(name).filter(List.class::isInstance).ifPresent(l -> list.addAll((List<?>) l));
        list.add(object(keyValues));
        return with(name, list);
    }

    /** An object of {@code keyValues} (name, value, ...; null values left out), for nesting in a fact. */
    public static Map<String, Object> object(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must pair up");
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                entry.put((String) keyValues[i], normalized(keyValues[i + 1]));
            }
        }
        return entry;
    }

    /** The value at a dotted path, if set. */
    public Optional<Object> value(String path) {
        Object current = fields;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return Optional.empty();
            }
            current = map.get(part);
        }
        return Optional.of(current);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> into, String[] path, int at, Object value) {
        if (at == path.length - 1) {
            into.put(path[at], value);
            return;
        }
        Object inner = into.get(path[at]);
        Map<String, Object> nested = inner instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m)
                : new LinkedHashMap<>();
        put(nested, path, at + 1, value);
        into.put(path[at], Collections.unmodifiableMap(nested));
    }

    private static Object normalized(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    out.put(String.valueOf(k), normalized(v));
                }
            });
            return frozen(out);
        }
        if (value instanceof List<?> list) {
            return Collections.unmodifiableList(list.stream().map(AuditRecord::normalized).toList());
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(AuditRecord::normalized).orElse(null);
        }
        return String.valueOf(value);
    }

    private static Map<String, Object> frozen(Map<String, Object> fields) {
        Map<String, Object> copy = new LinkedHashMap<>();
        fields.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> || v instanceof List<?> ? normalized(v) : v));
        return Collections.unmodifiableMap(copy);
    }
}
