package dev.pkinitkdc.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every key a binder accepts has a row in conf/README.md's table (read from the binders, not a list here). */
class ConfigDocumentationTest {
    /** conf/README.md; surefire runs in the module folder. */
    private static final Path README = Path.of("README.md");

    @Test
    void everyAcceptedKeyIsDocumented() throws IOException {
        Set<String> documented = documentedKeys(Files.readAllLines(README), ConfigParser.acceptedKeys().keySet());
        List<String> missing = new ArrayList<>();
        ConfigParser.acceptedKeys().forEach((section, keys) -> keys.stream()
                .filter(key -> !documented.contains(section + " " + key))
                .forEach(key -> missing.add("[" + section + "] " + key)));
        assertEquals(List.of(), missing, "keys missing from the table in " + README.toAbsolutePath());
    }

    @Test
    void everyDocumentedKeyIsAccepted() throws IOException {
        Set<String> accepted = new HashSet<>();
        ConfigParser.acceptedKeys().forEach((section, keys) -> keys.forEach(k -> accepted.add(section + " " + k)));
        List<String> stale = documentedKeys(Files.readAllLines(README), ConfigParser.acceptedKeys().keySet()).stream()
                .filter(k -> !accepted.contains(k)).sorted().toList();
        assertEquals(List.of(), stale, "rows in " + README.toAbsolutePath() + " for keys no binder accepts");
    }

    /**
     * "section key" for each key of each {@code | section | key, key | default | meaning |} row whose first cell
     * names a known section (other tables, e.g. exit codes, are not key rows).
     */
    static Set<String> documentedKeys(List<String> lines, Set<String> sections) {
        Set<String> out = new HashSet<>();
        for (String line : lines) {
            String[] cells = line.split("\\|");
            if (!line.startsWith("|") || cells.length < 5 || !sections.contains(cells[1].strip())) {
                continue;
            }
            for (String key : cells[2].split(",")) {
                out.add(cells[1].strip() + " " + key.replace("`", "").strip());
            }
        }
        return out;
    }
}
