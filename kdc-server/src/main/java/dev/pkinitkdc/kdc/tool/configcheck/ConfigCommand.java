package dev.pkinitkdc.kdc.tool.configcheck;

import dev.pkinitkdc.conf.ConfigException;
import dev.pkinitkdc.kdc.tool.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;

/** {@code pkinit-kdc config check --config FILE}: {@link ConfigCheck} for the shell; a bad file exits 78. */
public final class ConfigCommand {
    static final String USAGE = "usage: pkinit-kdc config check --config FILE";
    /** {@code config --help}, {@code config check --help}. */
    public static final String HELP = USAGE + "\n"
            + "Validates FILE without starting the KDC: parses it (with PKINIT_KDC_<SECTION>_<KEY> environment\n"
            + "overrides) and loads what it names (KDC certificate and key with the start-up checks, trust anchors,\n"
            + "intermediates, krbtgt keytab, NTAuth files, password files); binds no port, starts no directory.\n"
            + "Prints \"FILE: OK\", the warnings a start would log and the keys set by the environment, or the\n"
            + "error naming file, line and key. Exit codes: 0 valid, 78 invalid (EX_CONFIG), 2 usage.\n"
            + "\nexamples:\n"
            + "  bin/pkinit-kdc config check --config /etc/pkinit-kdc/kdc.conf\n"
            + "  PKINIT_KDC_REVOCATION_MODE=soft_fail bin/pkinit-kdc config check --config lab/kdc.conf\n";

    private ConfigCommand() {
    }

    public static int run(String[] args, PrintStream out) throws UsageException, ConfigException {
        if (args.length != 3 || !args[0].equals("check") || !args[1].equals("--config")) {
            throw new UsageException("config: " + (args.length > 0 && !args[0].equals("check")
                    ? "unknown action " + args[0] : "check needs --config FILE") + "\n" + USAGE);
        }
        Path file = Path.of(args[2]);
        ConfigCheck.Result result = ConfigCheck.check(file, System.getenv(), Instant.now());
        out.println(file + ": OK");
        result.warnings().forEach(w -> out.println("warning: " + w));
        result.environmentOverrides().forEach(o -> out.println("from the environment: " + o));
        return 0;
    }
}
