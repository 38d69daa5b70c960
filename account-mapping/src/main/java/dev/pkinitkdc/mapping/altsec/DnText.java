package dev.pkinitkdc.mapping.altsec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits DN text into RDNs and AVAs, respecting RFC 4514 backslash escapes and Windows double quotes. */
final class DnText {
    private DnText() {
    }

    /** RDNs, each a list of raw {@code TYPE=value} AVA strings (escapes kept). */
    static List<List<String>> split(String text) {
        List<List<String>> rdns = new ArrayList<>();
        List<String> avas = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted; // "" inside quotes toggles twice: kept as two quote characters
                current.append(c);
            } else if (!quoted && c == '+') {
                avas.add(current.toString());
                current.setLength(0);
            } else if (!quoted && (c == ',' || c == ';' || c == '\r' || c == '\n')) {
                endRdn(rdns, avas, current);
                avas = new ArrayList<>();
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote");
        }
        endRdn(rdns, avas, current);
        return rdns;
    }

    private static void endRdn(List<List<String>> rdns, List<String> avas, StringBuilder current) {
        avas.add(current.toString());
        current.setLength(0);
        avas.removeIf(a -> a.isBlank());
        if (!avas.isEmpty()) {
            rdns.add(avas);
        }
    }

    /** Undoes Windows quoting ({@code "a, b"}, {@code ""}) and RFC 4514 escapes ({@code \,}, {@code \2C}). */
    static String unescape(String raw) {
        String v = raw.trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replace("\"\"", "\"");
        }
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream pending = new ByteArrayOutputStream(); // \XX escapes: UTF-8 bytes
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && isHex(v, i + 1) && isHex(v, i + 2)) {
                pending.write(Integer.parseInt(v.substring(i + 1, i + 3), 16));
                i += 2;
                continue;
            }
            out.append(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
            out.append(c == '\\' && i + 1 < v.length() ? v.charAt(++i) : c);
        }
        return out.append(pending.toString(StandardCharsets.UTF_8)).toString();
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
    }
}
