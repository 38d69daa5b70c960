package dev.pkinitkdc.kdc.tool.configcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.conf.ConfigException;
import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import dev.pkinitkdc.kdc.tool.lab.LabOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConfigCheck} against a real lab: files that load, files that do not, warnings, environment overrides. */
class ConfigCheckTest {
    @TempDir
    static Path dir;
    static LabEnvironment lab;

    @BeforeAll
    static void lab() throws IOException {
        lab = LabEnvironment.prepare(new LabOptions(dir.resolve("lab"), "LAB.EXAMPLE", "127.0.0.1", 8888));
    }

    /** The lab's kdc.conf with one line replaced, written beside it (relative paths keep working). */
    static Path labConfWith(String name, String line, String replacement) throws IOException {
        String text = Files.readString(lab.kdcConf());
        assertTrue(text.contains(line + "\n"), line);
        Path file = lab.dir().resolve(name);
        Files.writeString(file, text.replace(line + "\n", replacement + "\n"));
        return file;
    }

    static int lineOf(Path file, String prefix) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError(prefix + " not in " + file);
    }

    @Test
    void theLabConfigIsValidWithOnlyTheVerboseETextWarning() throws Exception {
        ConfigCheck.Result r = ConfigCheck.check(lab.kdcConf(), Map.of(), Instant.now());
        assertEquals("LAB.EXAMPLE", r.config().kdc().realm());
        assertEquals(List.of(ConfigWarnings.VERBOSE_E_TEXT), r.warnings());
        assertEquals(List.of(), r.environmentOverrides());
    }

    @Test
    void weakeningsAndEnvironmentOverridesAreReported() throws Exception {
        Path file = labConfWith("weak.conf", "[pkinit]",
                "[mapping]\nstrong_mapping_enforcement = compatibility\n\n[pkinit]");
        ConfigCheck.Result r = ConfigCheck.check(file, Map.of("PKINIT_KDC_REVOCATION_MODE", "soft_fail",
                "PKINIT_KDC_NTAUTH_SOURCE", "off", "PKINIT_KDC_TRUST_ALLOW_SHA1", "true",
                "PKINIT_KDC_KDC_MAX_CLOCK_SKEW", "10m", "PKINIT_KDC_TRUST_VALIDITY_SKEW", "60",
                "PKINIT_KDC_METRICS_LISTEN", "0.0.0.0:9188"), Instant.now());
        String all = String.join("\n", r.warnings());
        assertTrue(all.contains("[ntauth] source = off"), all);
        assertTrue(all.contains("[revocation] mode = soft_fail"), all);
        assertTrue(all.contains("[trust] allow_sha1 = true"), all);
        assertTrue(all.contains("[mapping] strong_mapping_enforcement = compatibility"), all);
        assertTrue(all.contains("[kdc] max_clock_skew = 600s"), all);
        assertTrue(all.contains("[trust] validity_skew = 60s"), all);
        assertTrue(all.contains("[metrics] listen = 0.0.0.0:9188: the metrics endpoint (unauthenticated HTTP) is "
                + "reachable beyond this machine"), all);
        assertEquals(List.of("PKINIT_KDC_KDC_MAX_CLOCK_SKEW -> [kdc] max_clock_skew",
                "PKINIT_KDC_METRICS_LISTEN -> [metrics] listen",
                "PKINIT_KDC_NTAUTH_SOURCE -> [ntauth] source",
                "PKINIT_KDC_REVOCATION_MODE -> [revocation] mode",
                "PKINIT_KDC_TRUST_ALLOW_SHA1 -> [trust] allow_sha1",
                "PKINIT_KDC_TRUST_VALIDITY_SKEW -> [trust] validity_skew"), r.environmentOverrides());
    }

    /** MODP group 2, which AD-oriented tools hard-code: accepted when asked for, and warned about. */
    @Test
    void dhMinBits1024IsValidAndWarnedAbout() throws Exception {
        Path file = labConfWith("modp2.conf", "dh_min_bits = 2048", "dh_min_bits = 1024");
        ConfigCheck.Result r = ConfigCheck.check(file, Map.of(), Instant.now());
        assertEquals(1024, r.config().pkinit().dhMinBits());
        assertEquals(List.of(ConfigWarnings.VERBOSE_E_TEXT, ConfigWarnings.dhMinBitsWarning(1024)), r.warnings());
        assertTrue(r.warnings().get(1).contains("MODP group 2"), r.warnings()::toString);
        // the list Main logs at WARN when the KDC starts
        assertTrue(ConfigWarnings.policy(r.config()).contains(ConfigWarnings.dhMinBitsWarning(1024)));
    }

    @Test
    void anAuditFileThatCannotBeCreatedIsReportedAtItsLine() throws Exception {
        Path blocker = lab.dir().resolve("not-a-folder");
        Files.writeString(blocker, "x");
        Path file = labConfWith("audit.conf", "file = log/audit.jsonl", "file = not-a-folder/audit.jsonl");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigCheck.check(file, Map.of(), Instant.now()));
        assertEquals(file + ":" + lineOf(file, "file = not-a-folder") + ": [audit] file: cannot load: "
                + blocker.resolve("audit.jsonl") + ": cannot be created, " + blocker + " is not a writable folder",
                e.getMessage());
    }

    @Test
    void aMissingAnchorFileIsReportedAtItsLine() throws Exception {
        Path file = labConfWith("no-anchor.conf", "anchors = ca/root.pem", "anchors = ca/absent.pem");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigCheck.check(file, Map.of(), Instant.now()));
        assertTrue(e.getMessage().startsWith(file + ":" + lineOf(file, "anchors") + ": [trust] anchors: cannot load: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("absent.pem"), e.getMessage());
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedAsAStartWould() throws Exception {
        Path file = labConfWith("wrong-key.conf", "key = kdc/kdc.key", "key = users/alice.key");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigCheck.check(file, Map.of(), Instant.now()));
        assertTrue(e.getMessage().startsWith(file + ":" + lineOf(file, "certificate") + ": [identity] certificate: "
                + "cannot load: the KDC private key does not belong to certificate"), e.getMessage());
    }

    @Test
    void aBadKeytabFromTheEnvironmentNamesTheVariable() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigCheck.check(lab.kdcConf(),
                Map.of("PKINIT_KDC_KRBTGT_KEYTAB", "kdc/kdc.pem"), Instant.now()));
        assertTrue(e.getMessage().startsWith("environment PKINIT_KDC_KRBTGT_KEYTAB: [krbtgt] keytab: cannot load: "),
                e.getMessage());
    }

    @Test
    void ntAuthFilesAreLoadedAndAnEmptyStoreIsWarnedAbout() throws Exception {
        Path empty = Files.createDirectories(lab.dir().resolve("ntauth-empty"));
        ConfigCheck.Result r = ConfigCheck.check(lab.kdcConf(), Map.of("PKINIT_KDC_NTAUTH_SOURCE", "files",
                "PKINIT_KDC_NTAUTH_FILES", empty.toString()), Instant.now());
        assertTrue(r.warnings().contains("[ntauth] files hold no CA certificate: every certificate logon is refused "
                + "(62)"), r.warnings().toString());
        ConfigCheck.Result filled = ConfigCheck.check(lab.kdcConf(), Map.of("PKINIT_KDC_NTAUTH_SOURCE", "files",
                "PKINIT_KDC_NTAUTH_FILES", "ca/issuing.pem"), Instant.now());
        assertEquals(List.of(ConfigWarnings.VERBOSE_E_TEXT), filled.warnings());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigCheck.check(lab.kdcConf(),
                Map.of("PKINIT_KDC_NTAUTH_SOURCE", "files", "PKINIT_KDC_NTAUTH_FILES", "ca/absent.pem"),
                Instant.now()));
        assertTrue(e.getMessage().startsWith("environment PKINIT_KDC_NTAUTH_FILES: [ntauth] files: cannot load: "),
                e.getMessage());
    }

    @Test
    void anExpiredKdcCertificateIsRefused() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigCheck.check(lab.kdcConf(), Map.of(), Instant.now().plusSeconds(100L * 365 * 86400)));
        assertTrue(e.getMessage().contains("[identity] certificate: cannot load: KDC certificate "), e.getMessage());
        assertTrue(e.getMessage().contains(" expired "), e.getMessage());
    }
}
