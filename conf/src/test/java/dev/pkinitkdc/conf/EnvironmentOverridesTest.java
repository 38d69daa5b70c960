package dev.pkinitkdc.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PKINIT_KDC_<SECTION>_<KEY>} overrides, with an injected environment. */
class EnvironmentOverridesTest {
    @TempDir
    Path dir;


    private static final String FILE = MinimalConfig.withKdcLines("max_clock_skew = 120\n");

    private Path write(String text) throws IOException {
        return MinimalConfig.write(dir, "kdc.conf", text);
    }

    @Test
    void variableOverridesTheFileAndSuppliesMissingKeysAndSections() throws Exception {
        ConfigParser.Parsed parsed = ConfigParser.parseWithOverrides(write(FILE), Map.of(
                "PKINIT_KDC_KDC_MAX_CLOCK_SKEW", "600",
                "PKINIT_KDC_KDC_SHUTDOWN_GRACE", "3s",
                "PKINIT_KDC_REVOCATION_MODE", "soft_fail",
                "PKINIT_KDC_MAPPING_STRONG_MAPPING_ENFORCEMENT", "compatibility",
                "PATH", "/usr/bin", "PKINIT_KDC_HEIMDAL", "/opt/heimdal"));

        KdcConfig c = parsed.config();
        assertEquals(Duration.ofSeconds(600), c.kdc().maxClockSkew());
        assertEquals(Duration.ofSeconds(3), c.kdc().shutdownGrace());
        assertEquals(RevocationSettings.Mode.SOFT_FAIL, c.revocation().mode());
        assertEquals(MappingSettings.Enforcement.COMPATIBILITY, c.mapping().enforcement());
        assertEquals(List.of("PKINIT_KDC_KDC_MAX_CLOCK_SKEW -> [kdc] max_clock_skew",
                "PKINIT_KDC_KDC_SHUTDOWN_GRACE -> [kdc] shutdown_grace",
                "PKINIT_KDC_MAPPING_STRONG_MAPPING_ENFORCEMENT -> [mapping] strong_mapping_enforcement",
                "PKINIT_KDC_REVOCATION_MODE -> [revocation] mode"), parsed.environmentOverrides());
    }

    @Test
    void withoutVariablesTheFileDecides() throws Exception {
        ConfigParser.Parsed parsed = ConfigParser.parseWithOverrides(write(FILE), Map.of());
        assertEquals(Duration.ofSeconds(120), parsed.config().kdc().maxClockSkew());
        assertEquals(List.of(), parsed.environmentOverrides());
    }

    @Test
    void relativePathFromTheEnvironmentResolvesAgainstTheConfigFolder() throws Exception {
        KdcConfig c = ConfigParser.parse(write(FILE), Map.of("PKINIT_KDC_KRBTGT_KEYTAB", "other.keytab"));
        assertEquals(dir.resolve("other.keytab"), c.krbtgt().keytab());
    }

    @Test
    void badValueNamesTheVariableSectionAndKey() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(write(FILE),
                Map.of("PKINIT_KDC_KDC_MAX_CLOCK_SKEW", "x")));
        assertEquals("environment PKINIT_KDC_KDC_MAX_CLOCK_SKEW: [kdc] max_clock_skew: \"x\" is not a duration "
                + "(e.g. 300, 300s, 5m)", e.getMessage());
        assertEquals("PKINIT_KDC_KDC_MAX_CLOCK_SKEW", e.variable().orElseThrow());
        assertEquals("max_clock_skew", e.key().orElseThrow());
    }

    @Test
    void unknownSectionOrKeyIsAnError() throws Exception {
        Path file = write(FILE);
        ConfigException section = assertThrows(ConfigException.class, () -> ConfigParser.parse(file,
                Map.of("PKINIT_KDC_REVOKATION_MODE", "off")));
        assertTrue(section.getMessage().startsWith("environment PKINIT_KDC_REVOKATION_MODE: no section [revokation] "
                + "(known: attributes, audit, directory, identity, kdc, "), section.getMessage());
        ConfigException key = assertThrows(ConfigException.class, () -> ConfigParser.parse(file,
                Map.of("PKINIT_KDC_KDC_MAX_CLOCKSKEW", "600")));
        assertEquals("environment PKINIT_KDC_KDC_MAX_CLOCKSKEW: [kdc] max_clockskew: unknown key", key.getMessage());
        ConfigException bare = assertThrows(ConfigException.class, () -> ConfigParser.parse(file,
                Map.of("PKINIT_KDC_KDC", "x")));
        assertEquals("environment PKINIT_KDC_KDC: [kdc]: unknown key (PKINIT_KDC_<SECTION>_<KEY>)", bare.getMessage());
    }

    @Test
    void missingRequiredKeyCanComeFromTheEnvironmentOnly() throws Exception {
        Path file = write(FILE.replace("realm = LAB.EXAMPLE\n", ""));
        assertThrows(ConfigException.class, () -> ConfigParser.parse(file, Map.of()));
        assertEquals("EXAMPLE.ORG", ConfigParser.parse(file, Map.of("PKINIT_KDC_KDC_REALM", "EXAMPLE.ORG"))
                .kdc().realm());
    }
}
