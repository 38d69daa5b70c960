package dev.pkinitkdc.kdc.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBadConfigFileIsRefusedNamingFileLineAndKey() throws Exception {
        Path conf = dir.resolve("kdc.conf");
        Files.writeString(conf, "[kdc]\nrealm = LAB.EXAMPLE\nlisten = udp:127.0.0.1:88\nmax_clock_skew = five minutes\n");
        Outcome run = run("run", "--config", conf.toString());
        assertEquals(78, run.exit());
        assertTrue(run.err().contains(conf + ":4: [kdc] max_clock_skew"), run.err());
        Outcome check = run("config", "check", "--config", conf.toString());
        assertEquals(78, check.exit());
        assertEquals(run.err(), check.err());
    }

    @Test
    void usageErrorsExitWith2AndHelpWith0() {
        assertEquals(2, run("frobnicate").exit());
        assertEquals(2, run("run").exit());
        assertEquals(2, run("lab", "--colour", "blue").exit());
        Outcome help = run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("lab [--dir DIR]"), help.out());
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        List<String[]> asked = new ArrayList<>();
        Main.COMMANDS.forEach(c -> asked.add(new String[] {c.name(), "--help"}));
        asked.add(new String[] {"config", "check", "--help"});
        asked.add(new String[] {"ntauth", "list", "-h"});
        for (String[] args : asked) {
            Outcome o = run(args);
            assertEquals(0, o.exit(), String.join(" ", args));
            assertTrue(o.out().startsWith("usage: pkinit-kdc " + args[0]), o.out());
            assertTrue(o.out().contains("\nexamples:\n  bin/pkinit-kdc " + args[0] + " "), o.out());
        }
        assertTrue(Main.COMMANDS.stream().map(Command::name).toList()
                .containsAll(List.of("lab", "run", "config", "explain", "ntauth", "bench", "pki")));
    }

    @Test
    void aPkiSubcommandPrintsItsOwnHelp() {
        for (String sub : List.of("init", "issue-kdc", "issue-user", "export-ca", "crl")) {
            Outcome o = run("pki", sub, "--help");
            assertEquals(0, o.exit(), sub);
            assertTrue(o.out().startsWith("usage: pkinit-kdc pki " + sub), o.out());
        }
    }

    @Test
    void configUsageErrorsExitWith2() {
        assertEquals(2, run("config").exit());
        assertEquals(2, run("config", "verify", "--config", "x").exit());
        assertEquals(2, run("config", "check").exit());
    }

    @Test
    void aMissingConfigFileIsAConfigErrorNotACrash() {
        Outcome o = run("run", "--config", dir.resolve("absent.conf").toString());
        assertEquals(78, o.exit());
        assertTrue(o.err().contains("absent.conf"), o.err());
    }
}
