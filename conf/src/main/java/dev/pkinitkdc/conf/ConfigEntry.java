package dev.pkinitkdc.conf;

/**
 * One {@code key = value} setting with the section it is in: a line of kdc.conf (1-based {@code line}), or an
 * environment variable ({@code variable} set, line 0) that overrides or supplies it.
 */
record ConfigEntry(String section, String key, String value, int line, String variable) {
    ConfigEntry(String section, String key, String value, int line) {
        this(section, key, value, line, null);
    }

    boolean fromEnvironment() {
        return variable != null;
    }
}
