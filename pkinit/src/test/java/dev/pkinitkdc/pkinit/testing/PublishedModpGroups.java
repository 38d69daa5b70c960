package dev.pkinitkdc.pkinit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MODP groups as RFC 2409 / RFC 3526 publish them (test resource {@code rfc/modp-groups.txt}, the RFC text):
 * each group's id, its prime's formula {@code 2^n - 2^(n-64) - 1 + 2^64 * { [2^e pi] + k }}, the hexadecimal value
 * and the generator. Independent of the project's own constants, so tests can compare those against it.
 */
public final class PublishedModpGroups {
    /** One published group: the prime as its hex, the generator, and the formula's n, e and k. */
    public record Group(int id, BigInteger p, BigInteger g, int n, int piExponent, long k) {
    }

    private static final Pattern ID = Pattern.compile("assigned id (\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORMULA = Pattern.compile(
            "2\\^(\\d+) - 2\\^(\\d+) - 1 \\+ 2\\^64 \\* \\{ \\[2\\^(\\d+) pi\\] \\+ (\\d+) \\}");
    private static final Pattern HEX_LINE = Pattern.compile("^\\s+((?:[0-9A-F]{8} ?)+)$");
    private static final Pattern GENERATOR = Pattern.compile("The generator is:? (\\d+)");

    private PublishedModpGroups() {
    }

    /** The groups in the order the resource lists them (2, 14, 16, 18), by id. */
    public static Map<Integer, Group> load() {
        String text;
        try (InputStream in = PublishedModpGroups.class.getResourceAsStream("/rfc/modp-groups.txt")) {
            if (in == null) {
                throw new IllegalStateException("test resource rfc/modp-groups.txt is missing");
            }
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Integer, Group> groups = new LinkedHashMap<>();
        String[] sections = ID.split(text);
        Matcher ids = ID.matcher(text);
        for (int i = 1; i < sections.length && ids.find(); i++) {
            groups.put(Integer.parseInt(ids.group(1)), group(Integer.parseInt(ids.group(1)), sections[i]));
        }
        return groups;
    }

    private static Group group(int id, String section) {
        Matcher f = FORMULA.matcher(section);
        Matcher g = GENERATOR.matcher(section);
        if (!f.find() || !g.find()) {
            throw new IllegalStateException("group " + id + ": no formula or generator in the RFC text");
        }
        StringBuilder hex = new StringBuilder();
        for (String line : section.substring(0, g.start()).split("\n")) {
            Matcher h = HEX_LINE.matcher(line);
            if (h.matches()) {
                hex.append(h.group(1).replace(" ", ""));
            }
        }
        int n = Integer.parseInt(f.group(1));
        if (Integer.parseInt(f.group(2)) != n - 64) {
            throw new IllegalStateException("group " + id + ": formula is not 2^n - 2^(n-64) - 1 + ...");
        }
        return new Group(id, new BigInteger(hex.toString(), 16), new BigInteger(g.group(1)), n,
                Integer.parseInt(f.group(3)), Long.parseLong(f.group(4)));
    }
}
