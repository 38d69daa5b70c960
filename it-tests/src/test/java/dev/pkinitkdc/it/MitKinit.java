package dev.pkinitkdc.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real MIT kinit binary against the lab. KRB5_TRACE records what the client received, so tests read
 * the KDC's error codes as they came off the wire.
 */
final class MitKinit {
    /** com_err base of the krb5 error table: a KDC error code n is reported as BASE + n. */
    private static final long KRB5_ERROR_BASE = -1765328384L;
    private static final Pattern KDC_ERROR = Pattern.compile("Received error from KDC: (-?\\d+)/");
    private static final long TIMEOUT_SECONDS = 60;

    record Result(int exitCode, String output, String trace) {
        /** Every KRB-ERROR code the client received, in order. */
        List<Integer> kdcErrors() {
            List<Integer> codes = new ArrayList<>();
            Matcher m = KDC_ERROR.matcher(trace);
            while (m.find()) {
                codes.add((int) (Long.parseLong(m.group(1)) - KRB5_ERROR_BASE));
            }
            return codes;
        }

        @Override
        public String toString() {
            return "kinit exit " + exitCode + "\n" + output + "\n--- trace ---\n" + trace;
        }
    }

    static String binary() {
        for (String dir : List.of("/usr/bin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(dir, "kinit"))) {
                return dir + "/kinit";
            }
        }
        throw new IllegalStateException("MIT kinit not installed: run scripts/install-test-deps.sh");
    }

    /**
     * @param identity the X509_user_identity value, e.g. {@code FILE:cert.pem,key.pem}
     * @param args kinit arguments after the identity (e.g. {@code -E alice@lab.example})
     */
    static Result run(Path krb5Conf, Path workDir, String name, String identity, String... args)
            throws IOException, InterruptedException {
        Path ccache = workDir.resolve("ccache-" + name);
        Path trace = workDir.resolve("trace-" + name);
        Files.deleteIfExists(ccache);
        Files.deleteIfExists(trace);
        List<String> command = new ArrayList<>(List.of(binary(), "-X", "X509_user_identity=" + identity));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("KRB5_CONFIG", krb5Conf.toString());
        pb.environment().put("KRB5CCNAME", "FILE:" + ccache);
        pb.environment().put("KRB5_TRACE", trace.toString());
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("kinit did not finish in " + TIMEOUT_SECONDS + " s");
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String traceText = Files.exists(trace) ? Files.readString(trace) : "";
        return new Result(p.exitValue(), output, traceText);
    }

    static Path ccache(Path workDir, String name) {
        return workDir.resolve("ccache-" + name);
    }

    private MitKinit() {
    }
}
