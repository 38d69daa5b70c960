package dev.pkinitkdc.conf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entries of one {@code [section]}, with typed getters that turn a bad or missing value into a
 * {@link ConfigException} carrying file, line and key. A section absent from the file has header line 0.
 */
final class Section {
    private final Path file;
    private final Path folder;
    private final String name;
    private final int headerLine;
    private final Map<String, ConfigEntry> entries = new LinkedHashMap<>();

    Section(Path file, Path folder, String name, int headerLine) {
        this.file = file;
        this.folder = folder;
        this.name = name;
        this.headerLine = headerLine;
    }

    static Section absent(Path file, String name) {
        return new Section(file, file.toAbsolutePath().normalize().getParent(), name, 0);
    }

    Path file() {
        return file;
    }

    String name() {
        return name;
    }

    int headerLine() {
        return headerLine;
    }

    Collection<ConfigEntry> entries() {
        return entries.values();
    }

    void add(ConfigEntry entry) throws ConfigException {
        ConfigEntry first = entries.putIfAbsent(entry.key(), entry);
        if (first != null) {
            throw error(entry, "given twice (first on line " + first.line() + ")");
        }
    }

    /** An environment override: replaces the file's entry for the key, or supplies a missing one. */
    void override(ConfigEntry entry) {
        entries.put(entry.key(), entry);
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The value of a required key; a missing key is reported at the section header's line. */
    <T> T required(String key, ValueParser<T> parser) throws ConfigException {
        return optional(key, parser).orElseThrow(() -> missing(key, "is required"));
    }

    <T> T orDefault(String key, ValueParser<T> parser, T defaultValue) throws ConfigException {
        return optional(key, parser).orElse(defaultValue);
    }

    <T> Optional<T> optional(String key, ValueParser<T> parser) throws ConfigException {
        ConfigEntry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parse(entry.value()));
        } catch (InvalidValueException e) {
            throw error(entry, e.getMessage());
        }
    }

    /** A comma-separated list; absent gives the empty list. */
    <T> List<T> list(String key, ValueParser<T> element) throws ConfigException {
        return optional(key, text -> {
            List<T> out = new ArrayList<>();
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    out.add(element.parse(part.strip()));
                }
            }
            return List.copyOf(out);
        }).orElse(List.of());
    }

    /** A list that must have at least one element. */
    <T> List<T> requiredList(String key, ValueParser<T> element) throws ConfigException {
        List<T> out = list(key, element);
        if (out.isEmpty()) {
            throw has(key) ? error(entries.get(key), "needs at least one value") : missing(key, "is required");
        }
        return out;
    }

    /** A path, resolved against the folder of the config file when relative. */
    Path path(String text) throws InvalidValueException {
        return Values.path(folder, text);
    }

    ConfigException missing(String key, String detail) {
        return new ConfigException(file, headerLine, name, key, detail);
    }

    ConfigException error(String key, String detail) {
        return has(key) ? error(entries.get(key), detail) : missing(key, detail);
    }

    ConfigException error(ConfigEntry entry, String detail) {
        return ConfigException.at(entry, file, detail);
    }
}
