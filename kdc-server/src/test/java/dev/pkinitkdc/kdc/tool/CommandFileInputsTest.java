package dev.pkinitkdc.kdc.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import dev.pkinitkdc.kdc.tool.lab.TestLabs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every tool that reads a file its user names, given what is not a small regular file (issue 21): /dev/zero (never
 * ends), a FIFO (its open blocks until a writer comes), a directory and a 2 MiB file. Each must stop promptly with
 * its usual failure exit code and an error naming the file.
 */
class CommandFileInputsTest {
    /** Far more than a bounded read takes; an unbounded one of /dev/zero or a FIFO never finishes. */
    private static final Duration PROMPTLY = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static LabEnvironment lab;
    static Path zero = Path.of("/dev/zero");
    static Path fifo;
    static Path folder;
    static Path oversized;

    @BeforeAll
    static void prepare() throws Exception {
        lab = TestLabs.withFreeRevocationPort(dir);
        fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
        folder = Files.createDirectory(dir.resolve("a-folder"));
        // PEM-looking, so a reader that takes it whole parses on: 2 MiB is over every limit
        oversized = Files.writeString(dir.resolve("huge.pem"), "-----BEGIN CERTIFICATE-----\n"
                + "QUFB\n".repeat(2 * 1024 * 1024 / 5) + "-----END CERTIFICATE-----\n");
    }

    /** A command line that reads the file given to it, and the exit code it fails with. */
    private record Tool(String name, int exit, Function<Path, String[]> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static List<Tool> tools() {
        String conf = lab.kdcConf().toString();
        String labDir = lab.dir().toString();
        String alice = lab.user("alice").certificate().toString();
        return List.of(
                new Tool("explain --cert", 1, f -> new String[] {"explain", "--config", conf, "--cert", f.toString()}),
                new Tool("explain --config", 2, f -> new String[] {"explain", "--config", f.toString(), "--cert",
                        alice}),
                new Tool("ntauth add", 1, f -> new String[] {"ntauth", "add", f.toString(), "--config", conf}),
                new Tool("config check", Main.EX_CONFIG, f -> new String[] {"config", "check", "--config",
                        f.toString()}),
                new Tool("pki crl revoke", 1, f -> new String[] {"pki", "crl", "revoke", f.toString(), "--dir",
                        labDir}),
                new Tool("pki issue-user --password-file", 1, f -> new String[] {"pki", "issue-user", "--dir",
                        labDir, "--upn", "dave@lab.example", "--password-file", f.toString()}),
                new Tool("bench --cert", 1, f -> new String[] {"bench", "--kdc", "127.0.0.1:1", "--realm",
                        "LAB.EXAMPLE", "--cert", f.toString(), "--key", lab.user("alice").privateKey().toString(),
                        "--anchors", lab.layout().rootCertificate().toString()}),
                new Tool("bench --key", 1, f -> new String[] {"bench", "--kdc", "127.0.0.1:1", "--realm",
                        "LAB.EXAMPLE", "--cert", alice, "--key", f.toString(),
                        "--anchors", lab.layout().rootCertificate().toString()}));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Tool tool : tools()) {
            for (String kind : kinds().toList()) {
                out.add(Arguments.of(tool, kind));
            }
        }
        return out.stream();
    }

    private static Path file(String kind) {
        return switch (kind) {
            case "/dev/zero" -> zero;
            case "a FIFO" -> fifo;
            case "a directory" -> folder;
            default -> oversized;
        };
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("cases")
    void refusedPromptlyWithAnErrorNamingTheFile(Tool tool, String kind) {
        Path file = file(kind);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = assertTimeoutPreemptively(PROMPTLY, () -> Main.run(tool.args().apply(file),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(tool.exit(), exit, message);
        assertTrue(message.contains(file.toString()), message);
        assertTrue(message.contains(kind.equals("a 2 MiB file") ? "larger than" : "not a regular file"), message);
    }

    /** What a start loads is bounded too: [trust] anchors naming a FIFO or /dev/zero is 78 at that key, at once. */
    @ParameterizedTest(name = "config check with [trust] anchors = {0}")
    @MethodSource("kinds")
    void configCheckRefusesAnAnchorFileThatIsNotASmallRegularFile(String kind) throws Exception {
        Path file = file(kind);
        Path conf = lab.dir().resolve("anchors-" + kind.replaceAll("\\W", "") + ".conf");
        Files.writeString(conf, Files.readString(lab.kdcConf()).replaceFirst("(?m)^anchors = .*$",
                "anchors = " + file));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = assertTimeoutPreemptively(PROMPTLY, () -> Main.run(new String[] {"config", "check", "--config",
                conf.toString()}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(Main.EX_CONFIG, exit, message);
        assertTrue(message.contains("anchors") && message.contains(file.toString()), message);
        assertTrue(message.contains(kind.equals("a 2 MiB file") ? "larger than" : "not a regular file"), message);
    }

    static Stream<String> kinds() {
        return Stream.of("/dev/zero", "a FIFO", "a directory", "a 2 MiB file");
    }
}
