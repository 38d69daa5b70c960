package dev.pkinitkdc.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs Heimdal's kinit (7.8, Debian's heimdal-clients) against the lab. The package conflicts with MIT's krb5-user,
 * so scripts/install-test-deps.sh unpacks it into a private folder: the system property {@code heimdal.home}, else
 * the environment variable PKINIT_KDC_HEIMDAL, else ~/.cache/pkinit-kdc/heimdal. Heimdal 7.8 has no KRB5_TRACE; its
 * krb5.conf {@code [logging] krb5} debug log at level 5 reports each KRB-ERROR as its com_err code, like MIT's
 * trace.
 */
final class HeimdalKinit {
    private static final Pattern KDC_ERROR = Pattern.compile("krb5_get_init_creds: KRB-ERROR (-?\\d+)");

    record Result(int exitCode, String output, String trace) {
        /** Every KRB-ERROR code the client received, in order. */
        List<Integer> kdcErrors() {
            return ClientProcess.kdcErrors(KDC_ERROR, trace);
        }

        @Override
        public String toString() {
            return "heimdal kinit exit " + exitCode + "\n" + output + "\n--- debug log ---\n" + trace;
        }
    }

    private HeimdalKinit() {
    }

    static Path home() {
        String property = System.getProperty("heimdal.home");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("PKINIT_KDC_HEIMDAL");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "pkinit-kdc", "heimdal");
    }

    /** Fails, never skips, when Heimdal is missing: the test command installs it. */
    static Path binary() {
        Path kinit = home().resolve("usr/bin/kinit.heimdal");
        if (!Files.isExecutable(kinit)) {
            throw new IllegalStateException("Heimdal kinit not found at " + kinit
                    + ": run scripts/install-test-deps.sh (it unpacks heimdal-clients there), or set -Dheimdal.home");
        }
        return kinit;
    }

    /**
     * A krb5.conf in Heimdal's syntax for the lab: the KDC, and the lab root as PKINIT anchor and the issuing CA
     * as the pool Heimdal completes the client's chain from ({@code [appdefaults]}, where Heimdal's kinit reads
     * them).
     *
     * @param kdcAddress {@code host:port}, or {@code tcp/host:port} to force TCP
     * @param libdefaults extra {@code [libdefaults]} lines, e.g. {@code pkinit_dh_min_bits = 1024}
     */
    static String confVia(LabKdc kdc, String kdcAddress, String... libdefaults) {
        StringBuilder extra = new StringBuilder();
        for (String line : libdefaults) {
            extra.append("    ").append(line).append('\n');
        }
        return """
                [libdefaults]
                    default_realm = %1$s
                    dns_lookup_kdc = false
                    dns_lookup_realm = false
                %2$s
                [appdefaults]
                    pkinit_anchors = FILE:%3$s
                    pkinit_pool = FILE:%4$s

                [realms]
                    %1$s = {
                        kdc = %5$s
                    }
                """.formatted(LabKdc.REALM, extra, kdc.lab.layout().rootCertificate(),
                kdc.lab.layout().issuingCertificate(), kdcAddress);
    }

    static String conf(LabKdc kdc, String... libdefaults) {
        return confVia(kdc, kdc.lab.host() + ":" + kdc.lab.port(), libdefaults);
    }

    /**
     * @param conf the krb5.conf text from {@link #conf}; the run adds its own debug log to it
     * @param args kinit arguments, e.g. {@code -C FILE:cert.pem,key.pem alice}
     */
    static Result run(String conf, Path workDir, String name, String... args)
            throws IOException, InterruptedException {
        Path ccache = ccache(workDir, name);
        Path trace = workDir.resolve("heimdal-trace-" + name);
        Path krb5Conf = workDir.resolve("heimdal-krb5-" + name + ".conf");
        Files.deleteIfExists(ccache);
        Files.deleteIfExists(trace);
        Files.writeString(krb5Conf, conf + "\n[logging]\n    krb5 = 0-5/FILE:" + trace + "\n");
        List<String> command = new ArrayList<>(List.of(binary().toString()));
        command.addAll(List.of(args));
        ClientProcess.Output out = ClientProcess.run(command,
                Map.of("KRB5_CONFIG", krb5Conf.toString(), "KRB5CCNAME", "FILE:" + ccache), "");
        String traceText = Files.exists(trace) ? Files.readString(trace) : "";
        return new Result(out.exitCode(), out.text(), traceText);
    }

    static Path ccache(Path workDir, String name) {
        return workDir.resolve("heimdal-ccache-" + name);
    }
}
