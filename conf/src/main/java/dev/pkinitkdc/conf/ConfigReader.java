package dev.pkinitkdc.conf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic half of the parser: reads the INI-like syntax of conf/README.md into sections of entries. It
 * knows nothing about which sections and keys exist; it only rejects lines that are not syntax, and keys given
 * twice.
 */
final class ConfigReader {
    private ConfigReader() {
    }

    /** Sections by name, in file order. A section given twice is merged (its keys still may not repeat). */
    static Map<String, Section> read(Path file) throws ConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file, 0, null, null, "cannot read: " + e);
        }
        Path folder = file.toAbsolutePath().normalize().getParent();
        Map<String, Section> sections = new LinkedHashMap<>();
        Section current = null;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = stripBom(lines.get(i), i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw new ConfigException(file, lineNo, null, null, "\"" + line + "\" is not a [section] header");
                }
                String name = line.substring(1, line.length() - 1).strip();
                current = sections.computeIfAbsent(name, n -> new Section(file, folder, n, lineNo));
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(file, lineNo, current == null ? null : current.name(), null,
                        "\"" + line + "\" is not a \"key = value\" line");
            }
            String key = line.substring(0, eq).strip();
            if (current == null) {
                throw new ConfigException(file, lineNo, null, key, "key outside any [section]");
            }
            current.add(new ConfigEntry(current.name(), key, line.substring(eq + 1).strip(), lineNo));
        }
        return sections;
    }

    private static String stripBom(String line, int index) {
        return index == 0 && line.startsWith("\uFEFF") ? line.substring(1) : line;
    }
}
