package dev.pkinitkdc.kdc.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's audit field table (section "Audit log and metrics") and the schema ({@link AuditFacts}) name the same
 * fields: every field the schema can write is documented, and every documented field exists.
 */
class AuditSchemaReadmeTest {
    private static final Path README = Path.of("..", "README.md");
    private static final String SECTION = "### Audit log and metrics";
    private static final String HEADER = "| field | inside | what |";
    private static final Pattern NAME = Pattern.compile("`([^`]+)`");

    @Test
    void theReadmeTableDocumentsExactlyTheFieldsTheSchemaWrites() throws IOException {
        Set<String> documented = documented(Files.readString(README));
        Set<String> written = new TreeSet<>(AuditFields.paths());

        Set<String> undocumented = new TreeSet<>(written);
        undocumented.removeAll(documented);
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(written);
        assertEquals(Set.of(), undocumented, "written by AuditFacts but not in README.md's audit field table");
        assertEquals(Set.of(), unknown, "in README.md's audit field table but not written by AuditFacts");
    }

    @Test
    void theSchemaNamesNestedFieldsAsDottedPaths() {
        Set<String> written = AuditFields.paths();
        assertTrue(written.containsAll(List.of("time", "certificate.thumbprint_sha256", "trust.path_length",
                "revocation.certificates.this_update", "mapping.steps.kind", "e_text", "latency_ms")),
                written::toString);
    }

    /**
     * The table's fields as dotted paths: each name in a row's first column, and each name in its second column
     * (the fields inside the object or list) after its row's name and a dot.
     */
    static Set<String> documented(String readme) {
        int section = readme.indexOf(SECTION);
        assertTrue(section >= 0, "README.md has no section " + SECTION);
        int table = readme.indexOf(HEADER, section);
        int next = readme.indexOf("\n### ", section + SECTION.length());
        assertTrue(table >= 0 && (next < 0 || table < next), "no table " + HEADER + " in " + SECTION);
        Set<String> paths = new TreeSet<>();
        List<String> rows = readme.substring(table).lines().skip(2).takeWhile(l -> l.startsWith("|")).toList();
        for (String row : rows) {
            String[] cells = row.split("\\|", -1);
            List<String> inside = names(cells[2]);
            for (String field : names(cells[1])) {
                paths.add(field);
                inside.forEach(member -> paths.add(field + "." + member));
            }
        }
        return paths;
    }

    private static List<String> names(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = NAME.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
