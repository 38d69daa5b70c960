package dev.pkinitkdc.kdc.tool.bench;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.kdc.tool.cli.UsageException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code pkinit-kdc bench}: an AS-REQ load generator for any PKINIT KDC (ours, MIT's), parsed like
 * {@code pkinit-kdc lab}: {@code --name value} or {@code --name=value}; usage errors exit 2.
 */
public final class BenchCommand {
    public static final String USAGE = """
            usage: pkinit-kdc bench --kdc HOST:PORT --realm R --cert F --key F --anchors F [--principal P]
                                    [--udp|--tcp] [--concurrency N | --rate R/s] [--duration 30s] [--warmup 5s]
                                    [--kx dh2048|dh4096|p256|rsa] [--kdc-pid PID] [--json FILE]
                                    [--verify-replies] [--prebuild N] [--timeout 10s]
              --kdc HOST:PORT     the KDC to load (ours or any other)
              --realm R           its realm
              --cert F, --key F   the client certificate (PEM, intermediates may follow) and its key
              --anchors F         trust anchors for the KDC's certificate (used with --verify-replies)
              --principal P       cname (default: the certificate's id-pkinit-san, else its UPN's user part)
              --udp | --tcp       transport (default tcp; udp retries over tcp on KRB_ERR_RESPONSE_TOO_BIG)
              --concurrency N     closed loop, N requests in flight (default 8)
              --rate R/s          open loop, R requests per second (latency counted from the intended send)
              --duration, --warmup  measured window (default 30s) after a warm-up (default 5s)
              --kx                key exchange (default dh2048 = MODP group 14)
              --kdc-pid PID       report the KDC's CPU ms per request from /proc/PID/stat
              --json FILE         also write the report as JSON
              --verify-replies    check every AS-REP fully (KDC signature, reply key, decryption)
              --prebuild N        requests built and signed before the window (default: from the rate or a probe)
              --timeout D         a reply later than D counts as a timeout (default 10s)""";
    /** {@code bench --help}. */
    public static final String HELP = USAGE + """

            examples:
              bin/pkinit-kdc bench --kdc 127.0.0.1:8888 --realm LAB.EXAMPLE --cert lab/users/bob.pem \\
                  --key lab/users/bob.key --anchors lab/ca/root.pem --concurrency 8 --duration 30s
              bin/pkinit-kdc bench --kdc 127.0.0.1:8888 --realm LAB.EXAMPLE --cert lab/users/bob.pem \\
                  --key lab/users/bob.key --anchors lab/ca/root.pem --rate 200/s --udp --json /tmp/bench.json
            """;

    private BenchCommand() {
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        BenchReport report = new BenchRun(parseArgs(args), out).run();
        out.print(report.text());
        return 0;
    }

    public static BenchOptions parseArgs(String[] args) throws UsageException {
        BenchOptions.Builder b = BenchOptions.builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            if (flag(b, name)) {
                continue;
            }
            String value;
            if (equals > 0 && arg.startsWith("--")) {
                value = arg.substring(equals + 1);
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                value = args[++i];
            } else {
                throw usage(arg.startsWith("--") ? "option " + arg + " needs a value" : "unknown argument " + arg);
            }
            apply(b, name, value);
        }
        for (String required : new String[] {"--kdc", "--realm", "--cert", "--key", "--anchors"}) {
            if (missing(b, required)) {
                throw usage(required + " is required");
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private static boolean flag(BenchOptions.Builder b, String name) {
        switch (name) {
            case "--udp" -> b.transport = Transport.UDP;
            case "--tcp" -> b.transport = Transport.TCP;
            case "--verify-replies" -> b.verifyReplies = true;
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean missing(BenchOptions.Builder b, String option) {
        return switch (option) {
            case "--kdc" -> b.kdc == null;
            case "--realm" -> b.realm == null;
            case "--cert" -> b.cert == null;
            case "--key" -> b.key == null;
            default -> b.anchors == null;
        };
    }

    private static void apply(BenchOptions.Builder b, String name, String value) throws UsageException {
        try {
            switch (name) {
                case "--kdc" -> b.kdc = hostPort(value);
                case "--realm" -> b.realm = value;
                case "--cert" -> b.cert = Path.of(value);
                case "--key" -> b.key = Path.of(value);
                case "--anchors" -> b.anchors = Path.of(value);
                case "--principal" -> b.principal = value;
                case "--concurrency" -> b.concurrency = Integer.parseInt(value);
                case "--rate" -> b.rate = Integer.parseInt(value.endsWith("/s") ? value.substring(0,
                        value.length() - 2) : value);
                case "--duration" -> b.duration = duration(value);
                case "--warmup" -> b.warmup = duration(value);
                case "--kx" -> b.kx = value;
                case "--kdc-pid" -> b.kdcPid = Long.parseLong(value);
                case "--json" -> b.json = Path.of(value);
                case "--prebuild" -> b.prebuild = Integer.parseInt(value);
                case "--timeout" -> b.timeout = duration(value);
                default -> throw usage("unknown option " + name);
            }
        } catch (NumberFormatException e) {
            throw usage(name + ": not a number: " + value);
        } catch (IllegalArgumentException e) {
            throw usage(name + ": " + e.getMessage());
        }
    }

    /** {@code HOST:PORT}, {@code [v6]:PORT}. */
    static InetSocketAddress hostPort(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected HOST:PORT: " + value);
        }
        String host = value.substring(0, colon).replaceAll("^\\[(.*)]$", "$1");
        int port = Integer.parseInt(value.substring(colon + 1));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535: " + port);
        }
        return new InetSocketAddress(host, port);
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}, or plain seconds. */
    static Duration duration(String value) {
        Optional<String> unit = Optional.of(value.replaceAll("^[0-9]+", "")).filter(u -> !u.isEmpty());
        long n = Long.parseLong(value.substring(0, value.length() - unit.map(String::length).orElse(0)));
        return switch (unit.orElse("s")) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> throw new IllegalArgumentException("unit must be ms, s or m: " + value);
        };
    }

    private static UsageException usage(String problem) {
        return new UsageException("pkinit-kdc bench: " + problem + "\n" + USAGE);
    }
}
