package dev.pkinitkdc.kdc.request;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one rule that turns {@link AuditFacts} into the audit line's fields: a record component is a field named in
 * snake case ({@code thumbprintSha1} → {@code thumbprint_sha1}), in declaration order; a nested record is an
 * object, a list an array; null and empty optionals are left out; an {@link Instant} is ISO-8601 UTC
 * ({@link AuditFacts.Milliseconds}: always with three digits of milliseconds); strings, numbers and booleans are
 * themselves. {@code AuditJson} writes the result as one line of JSON; {@link #paths} lists every field this can
 * write, for the README's field table.
 */
public final class AuditFields {
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                c.getAccessor().setAccessible(true);
                fields.add(new Field(name(c.getName()), c, c.isAnnotationPresent(AuditFacts.Milliseconds.class)));
            }
            return List.copyOf(fields);
        }
    };

    private record Field(String name, RecordComponent component, boolean milliseconds) {
        Object read(Record facts) {
            try {
                return component.getAccessor().invoke(facts);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("audit fact " + component, e);
            }
        }
    }

    private AuditFields() {
    }

    /** The fields of {@code record}: each stage's facts in the order added, as ordered maps, lists and values. */
    public static Map<String, Object> of(AuditRecord record) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (AuditFacts facts : record.facts()) {
            put(out, (Record) facts);
        }
        return Collections.unmodifiableMap(out);
    }

    private static void put(Map<String, Object> into, Record facts) {
        for (Field f : FIELDS.get(facts.getClass())) {
            Object value = value(f.read(facts), f.milliseconds());
            if (value != null) {
                into.put(f.name(), value);
            }
        }
    }

    private static Object value(Object value, boolean milliseconds) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Instant instant) {
            return milliseconds ? AuditRecord.time(instant) : instant.toString();
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(v -> value(v, milliseconds)).orElse(null);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> value(v, milliseconds)).toList();
        }
        if (value instanceof Record nested) {
            Map<String, Object> object = new LinkedHashMap<>();
            put(object, nested);
            return Collections.unmodifiableMap(object);
        }
        return String.valueOf(value);
    }

    /**
     * Every field the schema can write, as dotted paths ({@code certificate.subject}; a list's elements have their
     * list's path: {@code trust.step}), for every stage's record.
     */
    public static Set<String> paths() {
        Set<String> out = new LinkedHashSet<>();
        for (Class<?> stage : AuditFacts.class.getPermittedSubclasses()) {
            paths(stage, "", out);
        }
        return Collections.unmodifiableSet(out);
    }

    private static void paths(Class<?> type, String prefix, Set<String> out) {
        for (Field f : FIELDS.get(type)) {
            String path = prefix + f.name();
            out.add(path);
            recordIn(f.component().getGenericType()).ifPresent(nested -> paths(nested, path + ".", out));
        }
    }

    /** The record a component holds, directly or as the element of a list or optional. */
    private static Optional<Class<?>> recordIn(Type type) {
        if (type instanceof Class<?> c) {
            return c.isRecord() ? Optional.of(c) : Optional.empty();
        }
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
            return recordIn(p.getActualTypeArguments()[0]);
        }
        return Optional.empty();
    }

    /** {@code thumbprintSha1} → {@code thumbprint_sha1}. */
    static String name(String component) {
        StringBuilder out = new StringBuilder(component.length() + 4);
        for (char c : component.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
