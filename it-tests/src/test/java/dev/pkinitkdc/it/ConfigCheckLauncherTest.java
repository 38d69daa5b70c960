package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/pkinit-kdc config check} and {@code run} as real processes: exit codes, environment overrides, the
 * systemd unit's commands and the shipped example config.
 */
class ConfigCheckLauncherTest {
    @TempDir
    static Path dir;
    static LabEnvironment lab;

    @BeforeAll
    static void lab() throws Exception {
        lab = LabKdc.prepareLab(dir.resolve("lab"));
    }

    @Test
    void validConfigExits0AndListsTheEnvironmentOverrides() throws Exception {
        ClientProcess.Output o = Launcher.run(Map.of("PKINIT_KDC_KDC_MAX_CLOCK_SKEW", "600",
                "PKINIT_KDC_REVOCATION_MODE", "soft_fail"), "config", "check", "--config", lab.kdcConf().toString());
        assertEquals(0, o.exitCode(), o.text());
        assertTrue(o.text().contains(lab.kdcConf() + ": OK\n"), o.text());
        assertTrue(o.text().contains("warning: [revocation] mode = soft_fail"), o.text());
        assertTrue(o.text().contains("from the environment: PKINIT_KDC_KDC_MAX_CLOCK_SKEW -> [kdc] max_clock_skew"),
                o.text());
    }

    @Test
    void badEnvironmentValueExits78NamingTheVariableForCheckAndRun() throws Exception {
        Map<String, String> env = Map.of("PKINIT_KDC_KDC_MAX_CLOCK_SKEW", "x");
        String expected = "environment PKINIT_KDC_KDC_MAX_CLOCK_SKEW: [kdc] max_clock_skew: \"x\" is not a duration "
                + "(e.g. 300, 300s, 5m)";
        for (List<String> args : List.of(List.of("config", "check", "--config", lab.kdcConf().toString()),
                List.of("run", "--config", lab.kdcConf().toString()))) {
            ClientProcess.Output o = Launcher.run(env, args.toArray(String[]::new));
            assertEquals(78, o.exitCode(), o.text());
            assertTrue(o.text().contains(expected), o.text());
        }
    }

    /** The launcher gives the daemon (run, lab) the parallel collector unless JAVA_OPTS chooses one. */
    @Test
    void theDaemonGetsTheParallelCollectorUnlessJavaOptsChoosesOne() throws Exception {
        String missing = dir.resolve("no-such.conf").toString();
        String daemon = Launcher.run(Map.of("JAVA_OPTS", "-Xlog:gc:stdout"), "run", "--config", missing).text();
        assertTrue(daemon.contains("Using Parallel"), daemon);
        String chosen = Launcher.run(Map.of("JAVA_OPTS", "-XX:+UseSerialGC -Xlog:gc:stdout"), "run", "--config",
                missing).text();
        assertTrue(chosen.contains("Using Serial"), chosen);
        String tool = Launcher.run(Map.of("JAVA_OPTS", "-Xlog:gc:stdout"), "config", "check", "--config", missing)
                .text();
        assertFalse(tool.contains("Using Parallel"), tool);
    }

    @Test
    void aTypoInAVariableNameIsRefused() throws Exception {
        ClientProcess.Output o = Launcher.run(Map.of("PKINIT_KDC_KDC_MAX_CLOCKSKEW", "600"),
                "config", "check", "--config", lab.kdcConf().toString());
        assertEquals(78, o.exitCode(), o.text());
        assertTrue(o.text().contains("environment PKINIT_KDC_KDC_MAX_CLOCKSKEW: [kdc] max_clockskew: unknown key"),
                o.text());
    }

    @Test
    void aFileThatDoesNotLoadExits78AtItsLine() throws Exception {
        Path conf = lab.dir().resolve("broken.conf");
        Files.writeString(conf, Files.readString(lab.kdcConf()).replace("keytab = krbtgt.keytab",
                "keytab = absent.keytab"));
        ClientProcess.Output o = Launcher.run(Map.of(), "config", "check", "--config", conf.toString());
        assertEquals(78, o.exitCode(), o.text());
        assertTrue(o.text().contains(conf + ":"), o.text());
        assertTrue(o.text().contains(": [krbtgt] keytab: cannot load: "), o.text());
        assertEquals(2, Launcher.run(Map.of(), "config", "check").exitCode());
    }
}
