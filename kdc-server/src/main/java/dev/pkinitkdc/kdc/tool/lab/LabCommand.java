package dev.pkinitkdc.kdc.tool.lab;

import dev.pkinitkdc.kdc.tool.cli.UsageException;
import java.nio.file.Path;

/**
 * The arguments of {@code pkinit-kdc lab [--dir DIR] [--realm REALM] [--host HOST] [--port PORT]}. Main parses
 * them here, calls {@link LabEnvironment#prepare}, starts the KDC from {@link LabEnvironment#kdcConf()}, prints
 * {@link LabEnvironment#printInstructions} and serves until interrupted.
 */
public final class LabCommand {
    public static final String USAGE = "usage: pkinit-kdc lab [--dir DIR] [--realm REALM] [--host HOST] [--port PORT]"
            + " [--revocation-port PORT] [--metrics-port PORT]\n"
            + "  --dir DIR      lab folder, created if absent and reused if present (default ./lab)\n"
            + "  --realm REALM  Kerberos realm (default LAB.EXAMPLE)\n"
            + "  --host HOST    address the KDC listens on (default 127.0.0.1)\n"
            + "  --port PORT    UDP and TCP port (default 8888)\n"
            + "  --revocation-port PORT\n"
            + "                 HTTP port of the lab's OCSP responder and CRLs on HOST (default: the one the lab\n"
            + "                 recorded at creation, else PORT + 1; a change reissues the lab certificates)\n"
            + "  --metrics-port PORT\n"
            + "                 HTTP port of the Prometheus metrics endpoint on HOST (default PORT + 2)";

    /** {@code lab --help}. */
    public static final String HELP = USAGE + "\n"
            + "Generates (or reuses) a lab PKI, embedded directory and kdc.conf in DIR and serves the realm until\n"
            + "interrupted (SIGINT/SIGTERM: requests in flight finish, then exit 0).\n"
            + "\nexamples:\n"
            + "  bin/pkinit-kdc lab --dir /tmp/lab --port 8888\n"
            + "  bin/pkinit-kdc lab --dir /tmp/lab --realm TEST.EXAMPLE --host 192.0.2.10 --port 88\n";

    private LabCommand() {
    }

    /** Parses {@code --name value} and {@code --name=value} options; anything else is a {@link UsageException}. */
    public static LabOptions parseArgs(String[] args) throws UsageException {
        LabOptions options = LabOptions.defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else if (isOption(arg) && i + 1 < args.length) {
                value = args[++i];
            } else if (isOption(arg)) {
                throw usage("option " + arg + " needs a value");
            } else {
                throw usage("unknown option " + arg);
            }
            options = apply(options, name, value);
        }
        return options;
    }

    private static boolean isOption(String arg) {
        return switch (arg) {
            case "--dir", "--realm", "--host", "--port", "--revocation-port", "--metrics-port" -> true;
            default -> false;
        };
    }

    private static LabOptions apply(LabOptions options, String name, String value) throws UsageException {
        try {
            return switch (name) {
                case "--dir" -> options.withDir(Path.of(value));
                case "--realm" -> options.withRealm(value);
                case "--host" -> options.withHost(value);
                case "--port" -> options.withPort(parsePort(name, value));
                case "--revocation-port" -> options.withRevocationPort(parsePort(name, value));
                case "--metrics-port" -> options.withMetricsPort(parsePort(name, value));
                default -> throw usage("unknown option " + name);
            };
        } catch (IllegalArgumentException e) {
            throw usage(name + ": " + e.getMessage());
        }
    }

    private static int parsePort(String option, String value) throws UsageException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw usage(option + ": not a number: " + value);
        }
    }

    private static UsageException usage(String problem) {
        return new UsageException("pkinit-kdc lab: " + problem + "\n" + USAGE);
    }
}
