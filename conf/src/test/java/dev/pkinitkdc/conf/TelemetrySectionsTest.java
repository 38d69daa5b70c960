package dev.pkinitkdc.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [audit]} and {@code [metrics]}: defaults, values, and errors naming file, line and key. */
class TelemetrySectionsTest {
    @TempDir
    Path dir;


    private KdcConfig parse(String extra) throws IOException, ConfigException {
        return ConfigParser.parse(MinimalConfig.write(dir, "kdc.conf", MinimalConfig.TEXT + extra));
    }

    private String error(String extra) {
        return assertThrows(ConfigException.class, () -> parse(extra)).getMessage();
    }

    @Test
    void defaultsAreTheDiagnosticLogAndNoEndpoint() throws Exception {
        KdcConfig c = parse("");
        assertEquals(AuditSettings.diagnosticLog(), c.audit());
        assertEquals(new AuditSettings(Optional.empty(), 100L << 20, 30, 1L << 30), c.audit());
        assertEquals(MetricsSettings.off(), c.metrics());
        assertEquals(false, c.metrics().enabled());
    }

    @Test
    void everyKeyGiven() throws Exception {
        KdcConfig c = parse("""
                [audit]
                file = log/audit.jsonl
                max_file_size = 10MiB
                max_history = 7
                total_size_cap = 100MiB
                [metrics]
                listen = 0.0.0.0:9100
                path = /kdc/metrics
                """);
        assertEquals(new AuditSettings(Optional.of(dir.resolve("log/audit.jsonl")), 10L << 20, 7, 100L << 20),
                c.audit());
        assertEquals(new MetricsSettings(Optional.of("0.0.0.0"), 9100, "/kdc/metrics"), c.metrics());
    }

    @Test
    void aBarePortIsLoopback() throws Exception {
        assertEquals(new MetricsSettings(Optional.of("127.0.0.1"), 9100, "/metrics"),
                parse("[metrics]\nlisten = 9100\n").metrics());
        assertEquals(new MetricsSettings(Optional.of("::1"), 0, "/metrics"),
                parse("[metrics]\nlisten = [::1]:0\n").metrics());
    }

    @Test
    void badValuesNameFileLineAndKey() {
        String file = dir.resolve("kdc.conf").toString();
        assertEquals(file + ":19: [audit] max_file_size: \"big\" is not a size (e.g. 128MiB, 512KiB, 1048576)",
                error("[audit]\nmax_file_size = big\n"));
        assertEquals(file + ":19: [audit] total_size_cap: must be at least max_file_size (104857600 bytes)",
                error("[audit]\ntotal_size_cap = 1MiB\n"));
        assertEquals(file + ":19: [audit] max_history: \"0\" is not a positive whole number",
                error("[audit]\nmax_history = 0\n"));
        assertEquals(file + ":19: [metrics] listen: \"99999\" is not a port (0-65535)",
                error("[metrics]\nlisten = 99999\n"));
        assertEquals(file + ":20: [metrics] path: \"metrics\" is not an HTTP path (e.g. /metrics)",
                error("[metrics]\nlisten = 9100\npath = metrics\n"));
        assertEquals(file + ":19: [metrics] port: unknown key", error("[metrics]\nport = 9100\n"));
    }
}
