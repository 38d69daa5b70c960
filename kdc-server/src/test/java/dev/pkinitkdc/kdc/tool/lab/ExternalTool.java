package dev.pkinitkdc.kdc.tool.lab;

import static dev.pkinitkdc.pkinit.testing.Prerequisites.require;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs a command-line tool for a test; one not installed skips the test, or fails it in CI ({@code Prerequisites}). */
public final class ExternalTool {
    public record Result(int exitCode, String output) {
    }

    private ExternalTool() {
    }

    public static Result run(String tool, String... args) throws IOException, InterruptedException {
        require(onPath(tool), tool + " is not installed");
        List<String> command = new ArrayList<>();
        command.add(tool);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(tool + " did not finish");
        }
        return new Result(process.exitValue(), output);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
