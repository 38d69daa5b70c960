package dev.pkinitkdc.it;

import dev.pkinitkdc.pkinit.testing.Processes;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/pkinit-kdc} as a real subprocess, as an operator or systemd runs it. It runs the kdc-server jar and
 * target/lib the reactor packaged before this module (run the it-tests with {@code -am}).
 */
final class Launcher {
    /** The repository root: surefire runs in the it-tests folder. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path SCRIPT = ROOT.resolve("bin/pkinit-kdc");

    /** A running launcher; stdout and stderr merged into {@code output}. */
    record Running(Process process, Path output) {
        String text() throws IOException {
            return Files.readString(output, StandardCharsets.UTF_8);
        }

        /** Waits, at most {@code limit}, until the output contains {@code text}; fails with the output if not. */
        void awaitOutput(String text, Duration limit) throws Exception {
            long deadline = System.nanoTime() + limit.toNanos();
            while (!text().contains(text)) {
                if (System.nanoTime() > deadline || !process.isAlive() && !text().contains(text)) {
                    throw new AssertionError("no \"" + text + "\" from bin/pkinit-kdc within " + limit
                            + " (alive: " + process.isAlive() + "):\n" + text());
                }
                Thread.sleep(50);
            }
        }
    }

    static final Duration RUN_LIMIT = Duration.ofSeconds(60);

    private Launcher() {
    }

    static Running start(Path output, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // only the test's own overrides: none inherited from the developer's shell
        pb.environment().keySet().removeIf(name -> name.startsWith("PKINIT_KDC_") && !name.equals("PKINIT_KDC_HEIMDAL"));
        pb.environment().putAll(environment);
        return new Running(pb.start(), output);
    }

    /** Runs a command that ends by itself, at most {@link #RUN_LIMIT}. */
    static ClientProcess.Output run(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("pkinit-kdc", ".out");
        try {
            Running running = start(output, environment, args);
            if (!running.process().waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                Processes.stop(running.process(), Duration.ofSeconds(5));
                throw new IOException("bin/pkinit-kdc " + String.join(" ", args) + " did not end within " + RUN_LIMIT
                        + ":\n" + running.text());
            }
            return new ClientProcess.Output(running.process().exitValue(), running.text());
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
