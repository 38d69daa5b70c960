package dev.pkinitkdc.conf;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A kdc.conf that cannot be used. The message has the form {@code FILE:LINE: [section] key: detail}
 * (conf/README.md); line 0 means "not in the file" (e.g. a required section that is absent).
 */
public final class ConfigException extends Exception {
    private final Path file;
    private final int line;
    private final String section;
    private final String key;
    private final String detail;

    public ConfigException(Path file, int line, String section, String key, String detail) {
        super(format(file, line, section, key, detail));
        this.file = file;
        this.line = line;
        this.section = section;
        this.key = key;
        this.detail = detail;
    }

    static ConfigException at(ConfigEntry entry, Path file, String detail) {
        return new ConfigException(file, entry.line(), entry.section(), entry.key(), detail);
    }

    private static String format(Path file, int line, String section, String key, String detail) {
        StringBuilder sb = new StringBuilder().append(file).append(':').append(line).append(": ");
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

    /** The message without its location prefix. */
    public String detail() {
        return detail;
    }
}
