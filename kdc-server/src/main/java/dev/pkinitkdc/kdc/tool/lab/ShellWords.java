package dev.pkinitkdc.kdc.tool.lab;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Renders command lines a POSIX shell reads back word for word. */
final class ShellWords {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=,@+%-]+");

    private ShellWords() {
    }

    static String quote(String word) {
        return SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** {@code NAME=value} with only the value quoted, so the shell still sees an assignment. */
    static String assignment(String name, String value) {
        return name + "=" + quote(value);
    }

    static String join(List<String> words) {
        return words.stream().collect(Collectors.joining(" "));
    }
}
