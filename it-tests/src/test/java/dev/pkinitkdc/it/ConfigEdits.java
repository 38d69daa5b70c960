package dev.pkinitkdc.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Edits of a running KDC's files as an operator makes them: kdc.conf keys set, files replaced whole, SIGHUP. */
final class ConfigEdits {
    private ConfigEdits() {
    }

    /**
     * {@code conf} with {@code key = value} in {@code [section]}: the key's line replaced, or one added after the
     * section header.
     */
    static String set(String conf, String section, String key, String value) {
        int header = conf.indexOf("[" + section + "]\n");
        if (header < 0) {
            return conf + "\n[" + section + "]\n" + key + " = " + value + "\n";
        }
        int body = header + section.length() + 3;
        int next = conf.indexOf("\n[", body);
        int end = next < 0 ? conf.length() : next + 1;
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(key) + "\\s*=.*$").matcher(conf).region(body, end);
        if (line.find()) {
            return conf.substring(0, line.start()) + key + " = " + value + conf.substring(line.end());
        }
        return conf.substring(0, body) + key + " = " + value + "\n" + conf.substring(body);
    }

    /** Replaces {@code file} by a rename, so a reader never sees it half written. */
    static void replace(Path file, byte[] content) throws Exception {
        Path next = file.resolveSibling(file.getFileName() + ".new");
        Files.write(next, content);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void replace(Path file, String content) throws Exception {
        replace(file, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** {@code kill -HUP} to this JVM, as an operator (or systemd's ExecReload) sends it to the KDC. */
    static void sighup() throws Exception {
        Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).start();
        if (hup.waitFor() != 0) {
            throw new IllegalStateException("kill -HUP failed: " + hup.exitValue());
        }
    }
}
