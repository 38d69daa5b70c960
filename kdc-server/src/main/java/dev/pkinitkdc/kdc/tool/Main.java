package dev.pkinitkdc.kdc.tool;

import dev.pkinitkdc.conf.ConfigException;
import dev.pkinitkdc.conf.ConfigParser;
import dev.pkinitkdc.conf.KdcConfig;
import dev.pkinitkdc.kdc.assembly.KdcRuntime;
import dev.pkinitkdc.kdc.tool.bench.BenchCommand;
import dev.pkinitkdc.kdc.tool.cli.UsageException;
import dev.pkinitkdc.kdc.tool.configcheck.ConfigCheck;
import dev.pkinitkdc.kdc.tool.configcheck.ConfigCommand;
import dev.pkinitkdc.kdc.tool.configcheck.ConfigWarnings;
import dev.pkinitkdc.kdc.tool.explain.ExplainCommand;
import dev.pkinitkdc.kdc.tool.lab.LabCommand;
import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import dev.pkinitkdc.kdc.tool.lab.LabOptions;
import dev.pkinitkdc.kdc.tool.ntauth.NtAuthCommand;
import dev.pkinitkdc.kdc.tool.pki.PkiCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher behind {@code bin/pkinit-kdc}: one {@link Command} per job, each with its own {@code --help}.
 * Exit codes: 0 ok (and a clean stop on SIGTERM/SIGINT), 1 failed, 2 usage, 78 bad configuration.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    /** Exit code of an unusable configuration: EX_CONFIG of sysexits.h (systemd: RestartPreventExitStatus=78). */
    public static final int EX_CONFIG = 78;

    static final String USAGE = """
            usage: pkinit-kdc COMMAND [OPTIONS]      (pkinit-kdc COMMAND --help: that command's options, examples)

            commands:
              lab [--dir DIR] [--realm REALM] [--host HOST] [--port PORT] [--revocation-port PORT]
                  [--metrics-port PORT]
                  Generate (or reuse) a lab PKI, directory and configuration in DIR (default ./lab) and serve
                  the realm (default LAB.EXAMPLE) on HOST:PORT (default 127.0.0.1:8888), UDP and TCP, until
                  interrupted, with OCSP and CRLs over HTTP on HOST and the revocation port (default: recorded
                  in the lab at creation, else PORT + 1), Prometheus metrics on HOST and the metrics port
                  (default PORT + 2) and the JSON audit log in DIR/log/audit.jsonl. Prints the kinit command
                  lines for the lab users.
              run --config FILE
                  Serve the KDC described by FILE (see conf/README.md) until SIGTERM/SIGINT, then finish the
                  requests in flight (at most [kdc] shutdown_grace) and exit 0.
              config check --config FILE
                  Validate FILE and load what it names without starting anything; print FILE: OK and the
                  warnings a start would log. PKINIT_KDC_<SECTION>_<KEY> environment variables override keys.
              explain --cert FILE [--hint NAME] [--config FILE]
                  Say, step by step, what the KDC of FILE (default lab/kdc.conf) would do with the certificate in
                  FILE (PEM; intermediates may follow it) and the username hint NAME (user, DOMAIN\\user,
                  user@domain; none: the certificate's mappings are searched): each trust step, each mapping
                  method, what it found, strong or weak, and the account or the KRB-ERROR. Exit 0 accepted,
                  3 refused.
              ntauth list [--config FILE]
              ntauth add CAFILE [--config FILE]
              ntauth remove THUMBPRINT|SERIAL [--config FILE]
                  List, add to or remove from the enterprise NTAuth store of the KDC of FILE (default
                  lab/kdc.conf): the CAs allowed to issue logon certificates (certutil -viewstore -enterprise
                  NTAuth, certutil -dspublish -f ca.cer NTAuthCA). With [ntauth] source = directory it changes the
                  directory's NTAuth object (with an embedded directory: the running KDC's, found through
                  directory.url beside FILE, and the LDIF file); with source = files, the folder. A running KDC
                  picks the change up within [ntauth] refresh_interval.
              bench --kdc HOST:PORT --realm R --cert F --key F --anchors F [--principal P] [--udp|--tcp]
                    [--concurrency N | --rate R/s] [--duration 30s] [--warmup 5s] [--kx dh2048|dh4096|p256|rsa]
                    [--kdc-pid PID] [--json FILE] [--verify-replies]
                  Load any PKINIT KDC (ours, MIT's) with AS-REQs built and signed beforehand; prints progress each
                  second, then throughput, errors by code, latency percentiles and, with --kdc-pid, the KDC's CPU
                  ms per request. `bench --help` lists every option.
              pki init|issue-kdc|issue-user|export-ca|crl [--dir DIR] ...
                  A lab PKI: CAs, KDC and smart card logon certificates, CA export, revocation and CRLs, in DIR
                  (default ./pki, or a lab folder). `pki --help` and `pki SUBCOMMAND --help` list the options.

            exit codes: 0 ok, 1 failed, 2 usage error, 78 bad configuration (EX_CONFIG; explain: 3 refused)

            examples:
              bin/pkinit-kdc lab --dir /tmp/lab --port 8888
              bin/pkinit-kdc run --config /tmp/lab/kdc.conf
              bin/pkinit-kdc config check --config /etc/pkinit-kdc/kdc.conf
              bin/pkinit-kdc explain --config /tmp/lab/kdc.conf --cert /tmp/lab/users/carol.pem --hint carol
              bin/pkinit-kdc ntauth list --config /tmp/lab/kdc.conf
              bin/pkinit-kdc ntauth remove 3F2A...C1 --config /tmp/lab/kdc.conf
              bin/pkinit-kdc ntauth add /tmp/lab/ca/issuing.pem --config /tmp/lab/kdc.conf
              bin/pkinit-kdc pki issue-user --dir /tmp/lab --upn dave@lab.example --sid S-1-5-21-1-2-3-1104
              bin/pkinit-kdc bench --kdc 127.0.0.1:8888 --realm LAB.EXAMPLE --cert /tmp/lab/users/bob.pem \\
                  --key /tmp/lab/users/bob.key --anchors /tmp/lab/ca/root.pem --concurrency 8 --duration 30s
            """;

    /** {@code run --help}. */
    static final String RUN_HELP = """
            usage: pkinit-kdc run --config FILE
            Serves the KDC described by FILE (conf/README.md; PKINIT_KDC_<SECTION>_<KEY> environment variables
            override its keys). The file and what it names are checked first, as `config check` does. SIGHUP,
            or a change to FILE or a file it names (checked every [kdc] reload_interval, default 5s), reloads
            the configuration without a restart (a bad one is refused with a WARN line and the old one kept);
            SIGTERM or SIGINT stops accepting requests, lets those in flight finish (at most
            [kdc] shutdown_grace, default 10s) and exits 0.
            Exit codes: 0 stopped cleanly, 1 failed to start or serve, 2 usage, 78 bad configuration.

            examples:
              bin/pkinit-kdc run --config /etc/pkinit-kdc/kdc.conf
              PKINIT_KDC_KDC_MAX_CLOCK_SKEW=600 bin/pkinit-kdc run --config lab/kdc.conf
            """;

    /** Every command; another one (e.g. {@code pki}) is one more entry. */
    static final List<Command> COMMANDS = List.of(
            new Command("lab", LabCommand.HELP, Main::lab),
            new Command("run", RUN_HELP, Main::runConfig),
            new Command("config", ConfigCommand.HELP, ConfigCommand::run),
            new Command("explain", ExplainCommand.HELP, ExplainCommand::run),
            new Command("ntauth", NtAuthCommand.HELP, NtAuthCommand::run),
            new Command("bench", BenchCommand.HELP, BenchCommand::run),
            new Command("pki", PkiCommand.USAGE, PkiCommand::run, true));

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Optional<Command> command = COMMANDS.stream().filter(c -> c.name().equals(args[0])).findFirst();
        if (command.isEmpty()) {
            return usage(err, "unknown command: " + args[0]);
        }
        boolean helpFirst = rest.length > 0 && isHelp(rest[0]);
        if (helpFirst || !command.get().subcommandsHaveHelp() && Arrays.stream(rest).anyMatch(Main::isHelp)) {
            out.print(command.get().help());
            return 0;
        }
        try {
            return command.get().runner().run(rest, out);
        } catch (UsageException e) {
            err.println("pkinit-kdc: " + e.getMessage());
            return e.exitCode();
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return EX_CONFIG;
        } catch (Exception e) {
            err.println("pkinit-kdc: " + e.getMessage());
            return 1;
        }
    }

    private static int lab(String[] args, PrintStream out) throws Exception {
        LabOptions options = LabCommand.parseArgs(args);
        LabEnvironment lab = LabEnvironment.prepare(options);
        KdcConfig config = ConfigParser.parse(lab.kdcConf());
        try (AutoCloseable revocation = lab.startRevocationServer()) {
            serve(config, () -> lab.printInstructions(out));
        }
        return 0;
    }

    private static int runConfig(String[] args, PrintStream out) throws Exception {
        ConfigCheck.Result checked = ConfigCheck.check(runConfigFile(args), System.getenv(), Instant.now());
        checked.environmentOverrides().forEach(o -> LOG.info("from the environment: {}", o));
        KdcConfig config = checked.config();
        serve(config, () -> out.println("KDC for " + config.kdc().realm() + " running; interrupt to stop."));
        return 0;
    }

    /** The FILE of {@code run --config FILE}. */
    static Path runConfigFile(String[] args) throws UsageException {
        if (args.length != 2 || !args[0].equals("--config")) {
            throw new UsageException("run needs --config FILE");
        }
        return Path.of(args[1]);
    }

    /**
     * Starts the KDC, says so, and serves until SIGTERM/SIGINT; then stops gracefully (requests in flight finish
     * within {@code [kdc] shutdown_grace}) and returns.
     */
    private static void serve(KdcConfig config, Runnable started) throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        StopSignals.install(stop::countDown);
        ConfigWarnings.policy(config).forEach(w -> LOG.warn("{}", w));
        KdcRuntime runtime = KdcRuntime.start(config);
        started.run();
        stop.await();
        runtime.shutdown(config.kdc().shutdownGrace());
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    private static int usage(PrintStream err, String message) {
        err.println("pkinit-kdc: " + message);
        err.print(USAGE);
        return UsageException.EXIT_CODE;
    }
}
