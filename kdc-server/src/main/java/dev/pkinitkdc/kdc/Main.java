package dev.pkinitkdc.kdc;

import dev.pkinitkdc.conf.ConfigException;
import dev.pkinitkdc.conf.ConfigParser;
import dev.pkinitkdc.conf.KdcConfig;
import dev.pkinitkdc.kdc.bench.BenchCommand;
import dev.pkinitkdc.kdc.explain.ExplainCommand;
import dev.pkinitkdc.kdc.lab.LabCommand;
import dev.pkinitkdc.kdc.lab.LabEnvironment;
import dev.pkinitkdc.kdc.lab.LabOptions;
import dev.pkinitkdc.kdc.ntauth.NtAuthCommand;
import dev.pkinitkdc.kdc.pki.PkiCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** The launcher behind {@code bin/pkinit-kdc}: one subcommand per job. Exit codes: 0 ok, 1 failed, 2 usage. */
public final class Main {
    static final String USAGE = """
            usage: pkinit-kdc COMMAND [OPTIONS]

            commands:
              lab [--dir DIR] [--realm REALM] [--host HOST] [--port PORT] [--revocation-port PORT]
                  Generate (or reuse) a lab PKI, directory and configuration in DIR (default ./lab) and serve
                  the realm (default LAB.EXAMPLE) on HOST:PORT (default 127.0.0.1:8888), UDP and TCP, until
                  interrupted, with OCSP and CRLs over HTTP on HOST and the revocation port (default: recorded
                  in the lab at creation, else PORT + 1). Prints the kinit command lines for the lab users.
              run --config FILE
                  Serve the KDC described by FILE (see conf/README.md) until interrupted.
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

            examples:
              bin/pkinit-kdc lab --dir /tmp/lab --port 8888
              bin/pkinit-kdc run --config /tmp/lab/kdc.conf
              bin/pkinit-kdc explain --config /tmp/lab/kdc.conf --cert /tmp/lab/users/carol.pem --hint carol
              bin/pkinit-kdc ntauth list --config /tmp/lab/kdc.conf
              bin/pkinit-kdc ntauth remove 3F2A...C1 --config /tmp/lab/kdc.conf
              bin/pkinit-kdc ntauth add /tmp/lab/ca/issuing.pem --config /tmp/lab/kdc.conf
              bin/pkinit-kdc bench --kdc 127.0.0.1:8888 --realm LAB.EXAMPLE --cert /tmp/lab/users/bob.pem \\
                  --key /tmp/lab/users/bob.key --anchors /tmp/lab/ca/root.pem --concurrency 8 --duration 30s
            """;

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
        try {
            return switch (args[0]) {
                case "lab" -> lab(rest, out);
                case "run" -> runConfig(rest, out);
                case "explain" -> ExplainCommand.run(rest, out);
                case "ntauth" -> NtAuthCommand.run(rest, out);
                case "bench" -> BenchCommand.run(rest, out);
                case "pki" -> PkiCommand.run(rest, out);
                default -> usage(err, "unknown command: " + args[0]);
            };
        } catch (UsageException e) {
            err.println("pkinit-kdc: " + e.getMessage());
            return e.exitCode();
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
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
        if (args.length != 2 || !args[0].equals("--config")) {
            throw new UsageException("run needs --config FILE");
        }
        KdcConfig config = ConfigParser.parse(Path.of(args[1]));
        serve(config, () -> out.println("KDC for " + config.kdc().realm() + " running; interrupt to stop."));
        return 0;
    }

    /** Starts the KDC, says so, and serves until the JVM is asked to stop (SIGINT/SIGTERM). */
    private static void serve(KdcConfig config, Runnable started) throws Exception {
        KdcRuntime runtime = KdcRuntime.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "kdc-shutdown"));
        started.run();
        stopped.await();
    }

    private static int usage(PrintStream err, String message) {
        err.println("pkinit-kdc: " + message);
        err.print(USAGE);
        return UsageException.EXIT_CODE;
    }
}
