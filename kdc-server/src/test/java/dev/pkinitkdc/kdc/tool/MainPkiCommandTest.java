package dev.pkinitkdc.kdc.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pkinit-kdc pki}'s exit codes through the launcher: 0 done, 1 failed, 2 usage. */
class MainPkiCommandTest {
    @TempDir
    Path dir;

    private int run(ByteArrayOutputStream err, String... args) {
        return Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void pkiExitsWith0WhenDone1WhenItFailsAnd2ForUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String pki = dir.resolve("pki").toString();
        assertEquals(0, run(err, "pki", "init", "--dir", pki));
        assertEquals(1, run(err, "pki", "init", "--dir", pki));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("already has a CA"), err::toString);
        assertEquals(2, run(err, "pki", "issue-kdc", "--dir", pki));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("needs --fqdn HOST"), err::toString);
        assertEquals(2, run(err, "pki"));
        assertEquals(0, run(err, "pki", "--help"));
        assertEquals(0, run(err, "pki", "crl", "--help"));
    }
}
