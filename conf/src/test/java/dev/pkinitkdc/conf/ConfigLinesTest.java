package dev.pkinitkdc.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLinesTest {
    @TempDir
    Path dir;


    private Path write(String name, String text) throws Exception {
        return MinimalConfig.write(dir, name, text);
    }

    @Test
    void changedAddedAndRemovedKeysAreListedInFileOrder() throws Exception {
        ConfigLines before = ConfigLines.read(write("before.conf", MinimalConfig.TEXT + "[mapping]\nuse_subject_alt_name = true\n"));
        ConfigLines after = ConfigLines.read(write("after.conf", MinimalConfig.TEXT
                .replace("anchors = ca.pem", "anchors = ca.pem, other.pem")
                .replace("[kdc]\n", "[kdc]\nreload_interval = 1s\n")));
        assertEquals(List.of(new ConfigLines.Key("kdc", "reload_interval"), new ConfigLines.Key("trust", "anchors"),
                new ConfigLines.Key("mapping", "use_subject_alt_name")), after.changedSince(before));
        assertEquals(List.of(), after.changedSince(after));
    }

    @Test
    void aKeyIsLocatedByFileAndLineOrByItsSectionHeader() throws Exception {
        Path file = write("kdc.conf", MinimalConfig.TEXT);
        ConfigLines lines = ConfigLines.read(file);
        assertEquals(file + ":2: [kdc] realm", lines.locate(new ConfigLines.Key("kdc", "realm")));
        assertEquals(file + ":1: [kdc] workers", lines.locate(new ConfigLines.Key("kdc", "workers")));
        assertEquals(0, lines.line(new ConfigLines.Key("mapping", "strong_mapping_enforcement")));
        assertEquals("LAB.EXAMPLE", lines.value(new ConfigLines.Key("kdc", "realm")).orElseThrow());
    }

    @Test
    void reloadIntervalDefaultsToFiveSecondsAndZeroMeansSighupOnly() throws Exception {
        assertEquals(Duration.ofSeconds(5), ConfigParser.parse(write("a.conf", MinimalConfig.TEXT)).kdc().reloadInterval());
        assertEquals(Duration.ZERO, ConfigParser.parse(write("b.conf", MinimalConfig.TEXT.replace("[kdc]\n",
                "[kdc]\nreload_interval = 0\n"))).kdc().reloadInterval());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(write("c.conf",
                MinimalConfig.TEXT.replace("[kdc]\n", "[kdc]\nreload_interval = soon\n"))));
        assertEquals(2, e.line());
        assertEquals("reload_interval", e.key().orElseThrow());
    }
}
