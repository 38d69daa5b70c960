package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.bench.BenchCommand;
import dev.pkinitkdc.kdc.tool.cli.UsageException;
import dev.pkinitkdc.kdc.tool.lab.LabUser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code pkinit-kdc bench} against the lab KDC for a couple of seconds: every request answered, the report
 * complete; refused requests counted by KRB-ERROR code, replies that do not verify counted as such. Only counts
 * are asserted, never times.
 */
class BenchCommandTest extends LabPerClass {
    private static final List<String> REPORT_FIELDS = List.of("kdc", "transport", "kx", "load", "windowSeconds",
            "completed", "errors", "throughput", "errorsByCode", "latencyMs", "kdcCpuMsPerRequest", "prebuilt",
            "builtDuringRun", "tcpRetries", "p50", "p90", "p99", "p99.9", "max");

    @ParameterizedTest
    @ValueSource(strings = {"--tcp", "--udp"})
    void completesRequestsWithoutErrors(String transport) throws Exception {
        String json = bench("bob", transport, "--verify-replies", "--kdc-pid", Long.toString(ProcessHandle.current()
                .pid()));
        for (String field : REPORT_FIELDS) {
            assertTrue(json.contains("\"" + field + "\": "), () -> field + " missing from " + json);
        }
        assertTrue(number(json, "completed") > 0, json);
        assertEquals(0, number(json, "errors"), json);
        assertTrue(json.contains("\"errorsByCode\": {}"), json);
        assertTrue(json.contains("\"transport\": \"" + transport.substring(2) + "\""), json);
    }

    /** Bob's certificate with cname alice: KDC_ERR_CLIENT_NAME_MISMATCH (75) on every request. */
    @Test
    void refusedCnameIsCountedByErrorCode() throws Exception {
        String json = bench("bob", "--tcp", "--principal", "alice");
        long completed = number(json, "completed");
        assertTrue(completed > 0, json);
        assertEquals(completed, number(json, "errors"), json);
        assertEquals(completed, number(json, "75"), json);
    }

    /** Anchors that do not issue the KDC certificate: every AS-REP fails verification. */
    @Test
    void wrongAnchorsAreCountedWhenRepliesAreVerified() throws Exception {
        Path wrongAnchor = kdc.lab.user("alice").certificate();
        String json = bench("bob", "--tcp", "--verify-replies", "--anchors", wrongAnchor.toString());
        long completed = number(json, "completed");
        assertTrue(completed > 0, json);
        assertEquals(completed, number(json, "verify"), json);
    }

    @Test
    void missingKdcIsAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> BenchCommand.parseArgs(new String[] {
                "--realm", LabKdc.REALM}));
        assertEquals(2, e.exitCode());
        assertThrows(UsageException.class, () -> BenchCommand.parseArgs(new String[] {"--kdc", "h:1", "--realm",
                "R", "--cert", "c", "--key", "k", "--anchors", "a", "--kx", "dh1024"}));
    }

    /** Runs the bench for 2 s after 1 s of warm-up at concurrency 4 and returns its JSON report. */
    private static String bench(String user, String... extra) throws Exception {
        LabUser u = kdc.lab.user(user);
        Path json = dir.resolve("bench-" + System.nanoTime() + ".json");
        List<String> args = new ArrayList<>(List.of("--kdc", LabKdc.HOST + ":" + kdc.lab.port(), "--realm",
                LabKdc.REALM, "--cert", u.certificate().toString(), "--key", u.privateKey().toString(),
                "--concurrency", "4", "--duration", "2s", "--warmup", "1s", "--json", json.toString()));
        if (!List.of(extra).contains("--anchors")) {
            args.addAll(List.of("--anchors", kdc.lab.layout().rootCertificate().toString()));
        }
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, BenchCommand.run(args.toArray(String[]::new), new PrintStream(out, true,
                StandardCharsets.UTF_8)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("throughput"), out::toString);
        return Files.readString(json);
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\": (\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
