package dev.pkinitkdc.kdc.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.conf.ConfigParser;
import dev.pkinitkdc.conf.KdcSettings;
import dev.pkinitkdc.kdc.tool.configcheck.ConfigCheck;
import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import dev.pkinitkdc.kdc.tool.lab.LabOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * conf/dist: the example kdc.conf passes {@code config check} once the files it names exist (taken from a lab),
 * and covers every section and key; the systemd unit's commands are ones the launcher accepts.
 */
class DistFilesTest {
    /** conf/dist, seen from the kdc-server module folder surefire runs in. */
    static final Path DIST = Path.of("..", "conf", "dist");
    static final String ETC = "/etc/pkinit-kdc/";
    static final String LAUNCHER = "/opt/pkinit-kdc/bin/pkinit-kdc";

    @TempDir
    static Path dir;
    static Path etc;

    /** An /etc/pkinit-kdc with the example as kdc.conf and lab files under the names the example uses. */
    @BeforeAll
    static void install() throws IOException {
        LabEnvironment lab = LabEnvironment.prepare(new LabOptions(dir.resolve("lab"), "EXAMPLE.ORG", "127.0.0.1",
                8888));
        etc = Files.createDirectories(dir.resolve("etc"));
        Map<String, Path> files = Map.of("kdc.pem", lab.layout().kdc().certificate(),
                "kdc.key", lab.layout().kdc().privateKey(), "issuing-ca.pem", lab.layout().issuingCertificate(),
                "root-ca.pem", lab.layout().rootCertificate(), "ldap-ca.pem", lab.layout().rootCertificate(),
                "krbtgt.keytab", lab.layout().krbtgtKeytab());
        for (Map.Entry<String, Path> f : files.entrySet()) {
            Files.copy(f.getValue(), etc.resolve(f.getKey()));
        }
        Files.writeString(etc.resolve("ldap.password"), "secret\n");
        Files.writeString(etc.resolve("kdc.conf"), example().replace(ETC, etc + "/")
                .replace("/var/cache/pkinit-kdc/", dir.resolve("cache") + "/"));
    }

    static String example() throws IOException {
        return Files.readString(DIST.resolve("kdc.conf.example"));
    }

    @Test
    void theExamplePassesConfigCheck() throws Exception {
        ConfigCheck.Result r = ConfigCheck.check(etc.resolve("kdc.conf"), Map.of(), Instant.now());
        assertEquals("EXAMPLE.ORG", r.config().kdc().realm());
        assertEquals(KdcSettings.DEFAULT_SHUTDOWN_GRACE, r.config().kdc().shutdownGrace());
    }

    @Test
    void theExampleShowsEverySectionAndKey() throws IOException {
        List<String> lines = example().lines().map(String::strip).toList();
        List<String> missing = new ArrayList<>();
        ConfigParser.acceptedKeys().forEach((section, keys) -> {
            if (!lines.contains("[" + section + "]")) {
                missing.add("[" + section + "]");
            }
            keys.stream().filter(k -> lines.stream().noneMatch(l -> l.startsWith(k + " = ") || l.startsWith("# " + k
                    + " = "))).forEach(k -> missing.add("[" + section + "] " + k));
        });
        assertEquals(List.of(), missing, "not in " + DIST.resolve("kdc.conf.example"));
    }

    @Test
    void theUnitRunsCommandsTheLauncherAccepts() throws Exception {
        Map<String, String> unit = unit();
        List<String> start = Arrays.asList(unit.get("ExecStart").split(" "));
        assertEquals(LAUNCHER, start.get(0));
        assertEquals("run", start.get(1));
        Path config = Main.runConfigFile(start.subList(2, start.size()).toArray(String[]::new));
        assertEquals(Path.of(ETC, "kdc.conf"), config);
        // the same file, installed, passes `config check` through the launcher's entry point
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"config", "check", "--config", etc.resolve("kdc.conf").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));
        assertEquals("/bin/kill -HUP $MAINPID", unit.get("ExecReload"), "SIGHUP reloads (identity/SighupReload)");
        assertEquals(Integer.toString(Main.EX_CONFIG), unit.get("RestartPreventExitStatus"));
        assertEquals("on-failure", unit.get("Restart"));
        assertTrue(seconds(unit.get("TimeoutStopSec")).compareTo(KdcSettings.DEFAULT_SHUTDOWN_GRACE) > 0,
                "TimeoutStopSec must leave shutdown_grace to the requests in flight");
        assertEquals("pkinit-kdc", unit.get("User"));
        assertEquals("CAP_NET_BIND_SERVICE", unit.get("AmbientCapabilities"));
        assertEquals("yes", unit.get("NoNewPrivileges"));
        assertEquals("strict", unit.get("ProtectSystem"));
        assertTrue(unit.get("ReadWritePaths").contains("/var/cache/pkinit-kdc"), unit.get("ReadWritePaths"));
    }

    /** {@code Key=Value} lines of the unit (each key once in this unit). */
    static Map<String, String> unit() throws IOException {
        Map<String, String> out = new HashMap<>();
        for (String line : Files.readAllLines(DIST.resolve("pkinit-kdc.service"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && !line.startsWith("[") && eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    static Duration seconds(String text) {
        return Duration.ofSeconds(Long.parseLong(text.replaceAll("s$", "")));
    }
}
