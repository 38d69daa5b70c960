package dev.pkinitkdc.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs a client tool (kinit, softhsm2-util, pkcs11-tool) to completion, its stdout and stderr merged. */
final class ClientProcess {
    /** com_err base of the krb5 error table, in MIT and Heimdal alike: a KDC error code n is reported as BASE + n. */
    private static final long KRB5_ERROR_BASE = -1765328384L;
    private static final long TIMEOUT_SECONDS = 60;

    record Output(int exitCode, String text) {
    }

    private ClientProcess() {
    }

    /**
     * @param input what the process reads on stdin (a PIN for a prompt), or "" for none
     */
    static Output run(List<String> command, Map<String, String> environment, String input)
            throws IOException, InterruptedException {
        Path stdin = Files.createTempFile("client-stdin", ".txt");
        try {
            Files.writeString(stdin, input);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(stdin.toFile()));
            pb.environment().putAll(environment);
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Output(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdin);
        }
    }

    /** Runs a setup step that must succeed. */
    static String check(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        Output out = run(command, environment, "");
        if (out.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed with " + out.exitCode() + ":\n" + out.text());
        }
        return out.text();
    }

    /** Every KRB-ERROR code a client trace reports, in order; {@code report} captures the com_err code. */
    static List<Integer> kdcErrors(Pattern report, String trace) {
        List<Integer> codes = new ArrayList<>();
        Matcher m = report.matcher(trace);
        while (m.find()) {
            codes.add((int) (Long.parseLong(m.group(1)) - KRB5_ERROR_BASE));
        }
        return codes;
    }
}
