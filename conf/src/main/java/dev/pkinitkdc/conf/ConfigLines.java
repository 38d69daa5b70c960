package dev.pkinitkdc.conf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code key = value} lines of a kdc.conf as written, with their line numbers: which keys differ between two
 * versions of the file (a reload says what changed) and where a key is (a message names file, line and key).
 */
public final class ConfigLines {
    /** One key of one section, e.g. {@code [kdc] realm}. */
    public record Key(String section, String key) {
        @Override
        public String toString() {
            return "[" + section + "] " + key;
        }
    }

    private record Line(String value, int number) {
    }

    private final Path file;
    private final Map<Key, Line> lines;
    private final Map<String, Integer> headers;

    private ConfigLines(Path file, Map<Key, Line> lines, Map<String, Integer> headers) {
        this.file = file;
        this.lines = lines;
        this.headers = headers;
    }

    /** Reads the file's syntax only; keys and values are not checked. */
    public static ConfigLines read(Path file) throws ConfigException {
        Map<Key, Line> lines = new LinkedHashMap<>();
        Map<String, Integer> headers = new LinkedHashMap<>();
        for (Section s : ConfigReader.read(file).values()) {
            headers.put(s.name(), s.headerLine());
            for (ConfigEntry e : s.entries()) {
                lines.put(new Key(s.name(), e.key()), new Line(e.value(), e.line()));
            }
        }
        return new ConfigLines(file, lines, headers);
    }

    public Path file() {
        return file;
    }

    public Optional<String> value(Key key) {
        return Optional.ofNullable(lines.get(key)).map(Line::value);
    }

    /** The key's line; for a key not written, its section's header line, or 0 when the section is absent too. */
    public int line(Key key) {
        Line line = lines.get(key);
        return line != null ? line.number() : headers.getOrDefault(key.section(), 0);
    }

    /** Keys written in one version and not the other, or with another value, in this file's order. */
    public List<Key> changedSince(ConfigLines before) {
        List<Key> changed = new ArrayList<>();
        for (Map.Entry<Key, Line> e : lines.entrySet()) {
            if (!Objects.equals(before.value(e.getKey()).orElse(null), e.getValue().value())) {
                changed.add(e.getKey());
            }
        }
        before.lines.keySet().stream().filter(k -> !lines.containsKey(k)).forEach(changed::add);
        return changed;
    }

    /** {@code FILE:LINE: [section] key}, the prefix of {@link ConfigException}'s messages. */
    public String locate(Key key) {
        return file + ":" + line(key) + ": " + key;
    }
}
