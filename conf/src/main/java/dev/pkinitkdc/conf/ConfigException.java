package dev.pkinitkdc.conf;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A kdc.conf that cannot be used. The message has the form {@code FILE:LINE: [section] key: detail}
 * (conf/README.md), or {@code environment VARIABLE: [section] key: detail} for an environment override; line 0
 * means "not in the file" (e.g. a required section that is absent).
 */
public final class ConfigException extends Exception {
    private final Path file;
    private final int line;
    private final String section;
    private final String key;
    private final String detail;
    private final String variable;

    public ConfigException(Path file, int line, String section, String key, String detail) {
        this(file, line, section, key, detail, null);
    }

    private ConfigException(Path file, int line, String section, String key, String detail, String variable) {
        super(format(variable != null ? "environment " + variable : file + ":" + line, section, key, detail));
        this.file = file;
        this.line = line;
        this.section = section;
        this.key = key;
        this.detail = detail;
        this.variable = variable;
    }

    /** An error in an environment override: {@code environment VARIABLE: [section] key: detail}. */
    static ConfigException inVariable(Path file, String variable, String section, String key, String detail) {
        return new ConfigException(file, 0, section, key, detail, variable);
    }

    static ConfigException at(ConfigEntry entry, Path file, String detail) {
        return new ConfigException(file, entry.line(), entry.section(), entry.key(), detail, entry.variable());
    }

    private static String format(String where, String section, String key, String detail) {
        StringBuilder sb = new StringBuilder().append(where).append(": ");
        if (section != null) {
            sb.append('[').append(section).append(']');
            sb.append(key != null ? " " + key : "").append(": ");
        } else if (key != null) {
            sb.append(key).append(": ");
        }
        return sb.append(detail).toString();
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public Optional<String> section() {
        return Optional.ofNullable(section);
    }

    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /** The environment variable the bad value came from, when it did not come from the file. */
    public Optional<String> variable() {
        return Optional.ofNullable(variable);
    }

    /** The message without its location prefix. */
    public String detail() {
        return detail;
    }
}
