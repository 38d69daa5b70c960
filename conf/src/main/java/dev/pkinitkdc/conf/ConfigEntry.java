package dev.pkinitkdc.conf;

/** One {@code key = value} line of kdc.conf, with the section it is in and its 1-based line number. */
record ConfigEntry(String section, String key, String value, int line) {
}
