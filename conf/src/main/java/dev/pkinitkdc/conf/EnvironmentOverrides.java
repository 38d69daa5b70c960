package dev.pkinitkdc.conf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code PKINIT_KDC_<SECTION>_<KEY>} environment variables (conf/README.md): each overrides the file's value of
 * {@code [section] key} or supplies it. Section names have no underscore, keys may: the section is matched first.
 * A variable with the prefix that names no known section and key is an error, so a typo does not pass silently.
 */
final class EnvironmentOverrides {
    static final String PREFIX = "PKINIT_KDC_";
    /** The project's other variables with the prefix, which are not config keys. */
    static final Set<String> NOT_CONFIG = Set.of("PKINIT_KDC_HEIMDAL");

    private EnvironmentOverrides() {
    }

    /**
     * Applies every override in {@code env} to {@code sections} (creating a section the file lacks), in
     * variable name order.
     *
     * @return the overrides applied, as {@code VARIABLE -> [section] key}
     */
    static List<String> apply(Map<String, String> env, Path file, Map<String, Section> sections,
                              Map<String, ? extends SectionBinder<?>> binders) throws ConfigException {
        List<String> applied = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String variable = e.getKey();
            if (!variable.startsWith(PREFIX) || NOT_CONFIG.contains(variable)) {
                continue;
            }
            String rest = variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
            int underscore = rest.indexOf('_');
            String section = underscore < 0 ? rest : rest.substring(0, underscore);
            SectionBinder<?> binder = binders.get(section);
            if (binder == null) {
                throw ConfigException.inVariable(file, variable, null, null, "no section [" + section
                        + "] (known: " + String.join(", ", new TreeMap<>(binders).keySet()) + ")");
            }
            String key = underscore < 0 ? "" : rest.substring(underscore + 1);
            if (!binder.keys().contains(key)) {
                throw ConfigException.inVariable(file, variable, section, key.isEmpty() ? null : key,
                        "unknown key" + (key.isEmpty() ? " (PKINIT_KDC_<SECTION>_<KEY>)" : ""));
            }
            sections.computeIfAbsent(section, n -> Section.absent(file, n))
                    .override(new ConfigEntry(section, key, e.getValue().strip(), 0, variable));
            applied.add(variable + " -> [" + section + "] " + key);
        }
        return List.copyOf(applied);
    }
}
