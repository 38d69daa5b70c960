package dev.pkinitkdc.kdc.tool.explain;

import dev.pkinitkdc.conf.ConfigException;
import dev.pkinitkdc.conf.ConfigParser;
import dev.pkinitkdc.conf.KdcConfig;
import dev.pkinitkdc.kdc.stage.map.ConfiguredDirectory;
import dev.pkinitkdc.kdc.stage.map.ConfiguredMapper;
import dev.pkinitkdc.kdc.stage.revocation.ConfiguredRevocation;
import dev.pkinitkdc.kdc.stage.trust.CertificatePathValidator;
import dev.pkinitkdc.kdc.stage.trust.ntauth.ConfiguredNtAuth;
import dev.pkinitkdc.kdc.support.files.BoundedFiles;
import dev.pkinitkdc.kdc.tool.cli.CommandConfig;
import dev.pkinitkdc.kdc.tool.cli.UsageException;
import dev.pkinitkdc.mapping.ClientNameHint;
import dev.pkinitkdc.revocation.RevocationCounters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code pkinit-kdc explain --cert FILE [--hint NAME] [--config FILE]}: what the KDC would do with this
 * certificate and username hint, step by step, against the configured trust anchors and directory.
 */
public final class ExplainCommand {
    /** Exit code when the KDC would refuse the logon. */
    public static final int REFUSED = 3;
    static final String USAGE = "usage: pkinit-kdc explain --cert FILE [--hint NAME] [--config FILE]";

    /** {@code explain --help}. */
    public static final String HELP = USAGE + "\n"
            + "Says, step by step, what the KDC of the config (default lab/kdc.conf) would do with the certificate\n"
            + "(PEM; intermediates may follow it) and the username hint (user, DOMAIN\\user, user@domain; none: the\n"
            + "certificate's mappings are searched). Exit codes: 0 accepted, 3 refused, 78 bad config, 2 usage, 1 an unusable --cert file (not a\n"
            + "regular file, or over 1 MiB).\n"
            + "\nexamples:\n"
            + "  bin/pkinit-kdc explain --config lab/kdc.conf --cert lab/users/weak.pem --hint weak\n"
            + "  bin/pkinit-kdc explain --config /etc/pkinit-kdc/kdc.conf --cert card.pem\n";

    /** What was asked: the certificate file (end entity first, then intermediates), the hint, the config. */
    record Request(Path cert, String hint, Path config) {
    }

    private ExplainCommand() {
    }

    public static int run(String[] args, PrintStream out) throws UsageException, IOException, ConfigException {
        Request request = parse(args);
        KdcConfig config = ConfigParser.parse(request.config());
        List<X509Certificate> certs = BoundedFiles.certificates(request.cert());
        ClientNameHint hint = hint(request.hint(), config.kdc().realm());
        CertificatePathValidator validator = CertificatePathValidator.configured(config.trust(), Clock.systemUTC());
        try (ConfiguredDirectory directory = ConfiguredDirectory.open(config.directory(), config.attributes());
             ConfiguredRevocation revocation = ConfiguredRevocation.start(config.revocation(), Clock.systemUTC(),
                     new RevocationCounters(), Optional.of(directory.ldapSettings()))) {
            validator = validator.withNtAuth(ConfiguredNtAuth.snapshot(config.ntauth(), directory.ldapSettings()));
            ExplainReport report = new ExplainReport(out, config);
            boolean accepted = report.explain(certs.get(0), certs.subList(1, certs.size()), hint, validator,
                    revocation.checker(), ConfiguredMapper.create(directory.directory(), config));
            return accepted ? 0 : REFUSED;
        }
    }

    static Request parse(String[] args) throws UsageException {
        Path cert = null;
        String hint = null;
        Path config = CommandConfig.DEFAULT;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--cert" -> cert = Path.of(required(args[i], value));
                case "--hint" -> hint = required(args[i], value);
                case "--config" -> config = Path.of(required(args[i], value));
                default -> throw new UsageException("explain: unknown option " + args[i] + "\n" + USAGE);
            }
            i++;
        }
        if (cert == null) {
            throw new UsageException("explain: --cert is required\n" + USAGE);
        }
        CommandConfig.readable(config, "explain", USAGE);
        return new Request(cert, hint, config);
    }

    private static String required(String option, String value) throws UsageException {
        if (value == null) {
            throw new UsageException("explain: " + option + " needs a value\n" + USAGE);
        }
        return value;
    }

    /**
     * The cname a client would send for this hint (MS-PKCA 3.1.5.2.1): {@code user@domain} as an enterprise
     * name, anything else as a one-component principal name; no hint as NT-X500-PRINCIPAL.
     */
    static ClientNameHint hint(String text, String realm) {
        if (text == null || text.isBlank()) {
            return ClientNameHint.none(realm);
        }
        if (text.contains("@")) {
            return new ClientNameHint(ClientNameHint.NT_ENTERPRISE, List.of(text), realm);
        }
        return new ClientNameHint(ClientNameHint.NT_PRINCIPAL, List.of(text), realm.toUpperCase(Locale.ROOT));
    }
}
