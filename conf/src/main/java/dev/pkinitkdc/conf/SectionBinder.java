package dev.pkinitkdc.conf;

import java.util.Set;

/** Turns one {@link Section} into its settings record; knows the section's keys, defaults and cross-key rules. */
interface SectionBinder<T> {
    String name();

    Set<String> keys();

    T bind(Section section) throws ConfigException;
}
