package dev.pkinitkdc.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs the real MIT kinit binary against the lab. KRB5_TRACE records what the client received, so tests read
 * the KDC's error codes as they came off the wire.
 */
final class MitKinit {
    private static final Pattern KDC_ERROR = Pattern.compile("Received error from KDC: (-?\\d+)/");

    record Result(int exitCode, String output, String trace) {
        /** Every KRB-ERROR code the client received, in order. */
        List<Integer> kdcErrors() {
            return ClientProcess.kdcErrors(KDC_ERROR, trace);
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
        return runWithInput(krb5Conf, workDir, name, "", Map.of(), identity, args);
    }

    /**
     * Like {@link #run}, answering kinit's prompts (a smart card PIN) from {@code input}, with more environment
     * (e.g. SOFTHSM2_CONF for a PKCS#11 token).
     */
    static Result runWithInput(Path krb5Conf, Path workDir, String name, String input, Map<String, String> env,
                               String identity, String... args) throws IOException, InterruptedException {
        Path ccache = workDir.resolve("ccache-" + name);
        Path trace = workDir.resolve("trace-" + name);
        Files.deleteIfExists(ccache);
        Files.deleteIfExists(trace);
        List<String> command = new ArrayList<>(List.of(binary(), "-X", "X509_user_identity=" + identity));
        command.addAll(List.of(args));
        Map<String, String> environment = new HashMap<>(env);
        environment.putAll(Map.of("KRB5_CONFIG", krb5Conf.toString(), "KRB5CCNAME", "FILE:" + ccache,
                "KRB5_TRACE", trace.toString()));
        ClientProcess.Output out = ClientProcess.run(command, environment, input);
        String traceText = Files.exists(trace) ? Files.readString(trace) : "";
        return new Result(out.exitCode(), out.text(), traceText);
    }

    static Path ccache(Path workDir, String name) {
        return workDir.resolve("ccache-" + name);
    }

    /** What the real {@code klist -e} prints for a ccache: its default principal, tickets and their enctypes. */
    static String klist(Path ccache) throws IOException, InterruptedException {
        return ClientProcess.check(List.of("klist", "-e", "-c", "FILE:" + ccache), Map.of());
    }

    private MitKinit() {
    }
}
