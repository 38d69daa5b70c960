package dev.pkinitkdc.kdc.tool.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.cli.UsageException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LabCommandTest {
    @Test
    void defaults() throws UsageException {
        assertEquals(new LabOptions(Path.of("lab"), "LAB.EXAMPLE", "127.0.0.1", 8888),
                LabCommand.parseArgs(new String[0]));
    }

    @Test
    void everyOptionInBothForms() throws UsageException {
        assertEquals(new LabOptions(Path.of("/tmp/x"), "CORP.TEST", "::1", 10088, 10090),
                LabCommand.parseArgs(new String[] {"--dir", "/tmp/x", "--realm=CORP.TEST", "--host", "::1",
                        "--port=10088", "--revocation-port", "10090"}));
        assertEquals(10091, LabCommand.parseArgs(new String[] {"--revocation-port=10091"}).revocationPort());
        assertEquals(10092, LabCommand.parseArgs(new String[] {"--metrics-port", "10092"}).metricsPort());
        assertEquals(8890, LabCommand.parseArgs(new String[0]).effectiveMetricsPort(), "the KDC port + 2");
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitCode2() {
        UsageException e = assertThrows(UsageException.class,
                () -> LabCommand.parseArgs(new String[] {"--dri", "x"}));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("unknown option --dri"), e.getMessage());
        assertTrue(e.getMessage().contains("usage: pkinit-kdc lab"), e.getMessage());
    }

    @Test
    void badValuesAreUsageErrors() {
        for (String[] args : new String[][] {{"--port", "http"}, {"--port", "70000"}, {"--port"},
                {"--revocation-port", "-1"}, {"--revocation-port", "x"}, {"--revocation-port"},
                {"--realm", "BAD REALM"}, {"positional"}, {"--verbose=yes"}}) {
            UsageException e = assertThrows(UsageException.class, () -> LabCommand.parseArgs(args), String.join(" ", args));
            assertEquals(2, e.exitCode());
        }
    }
}
