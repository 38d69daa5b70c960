package dev.pkinitkdc.kdc.tool.ntauth;

import dev.pkinitkdc.conf.ConfigException;
import dev.pkinitkdc.conf.ConfigParser;
import dev.pkinitkdc.conf.DirectorySettings;
import dev.pkinitkdc.conf.DirectoryType;
import dev.pkinitkdc.conf.KdcConfig;
import dev.pkinitkdc.kdc.stage.map.ConfiguredDirectory;
import dev.pkinitkdc.kdc.stage.trust.ntauth.NtAuthCa;
import dev.pkinitkdc.kdc.support.directory.DirectorySecret;
import dev.pkinitkdc.kdc.support.directory.DirectoryUrlFile;
import dev.pkinitkdc.kdc.support.files.BoundedFiles;
import dev.pkinitkdc.kdc.tool.cli.CommandConfig;
import dev.pkinitkdc.kdc.tool.cli.UsageException;
import dev.pkinitkdc.mapping.directory.NtAuthCertificates;
import dev.pkinitkdc.mapping.ldap.LdapDirectorySettings;
import dev.pkinitkdc.mapping.ldap.LdapNtAuthCertificates;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code pkinit-kdc ntauth add FILE | list | remove THUMBPRINT|SERIAL [--config FILE]}: the enterprise NTAuth
 * store of the KDC configured in FILE (default lab/kdc.conf), like {@code certutil -dspublish -f ca.cer NTAuthCA},
 * {@code certutil -viewstore -enterprise NTAuth} and {@code certutil -viewdelstore}. A running KDC picks the change
 * up within {@code [ntauth] refresh_interval}.
 */
public final class NtAuthCommand {
    static final String USAGE = "usage: pkinit-kdc ntauth add FILE | list | remove THUMBPRINT|SERIAL [--config FILE]";
    /** {@code ntauth --help}. */
    public static final String HELP = USAGE + "\n"
            + "Lists, adds to or removes from the enterprise NTAuth store of the config's KDC (default lab/kdc.conf):\n"
            + "the directory's NTAuth object ([ntauth] source = directory) or the first folder of [ntauth] files.\n"
            + "A running KDC picks the change up within [ntauth] refresh_interval. Exit codes: 0 ok, 1 error,\n"
            + "78 bad config, 2 usage.\n"
            + "\nexamples:\n"
            + "  bin/pkinit-kdc ntauth list --config lab/kdc.conf\n"
            + "  bin/pkinit-kdc ntauth add lab/ca/issuing.pem --config lab/kdc.conf\n"
            + "  bin/pkinit-kdc ntauth remove 3F2A...C1 --config lab/kdc.conf\n";

    /** What was asked: the action, its argument (file, thumbprint or serial; none for list) and the config. */
    record Request(String action, String argument, Path config) {
    }

    private NtAuthCommand() {
    }

    public static int run(String[] args, PrintStream out) throws UsageException, IOException, ConfigException {
        Request request = parse(args);
        KdcConfig config = ConfigParser.parse(request.config());
        try (NtAuthStoreEditor store = editor(config, out)) {
            switch (request.action()) {
                case "list" -> NtAuthListing.print(out, store.describe(), store.list());
                case "add" -> add(store, Path.of(request.argument()), out);
                default -> remove(store, request.argument(), out);
            }
        }
        return 0;
    }

    private static void add(NtAuthStoreEditor store, Path file, PrintStream out) throws IOException {
        NtAuthCa ca = NtAuthCa.of(BoundedFiles.certificates(file).get(0));
        if (ca.certificate().getBasicConstraints() < 0) {
            throw new IOException(file + ": " + ca.subject() + " is not a CA certificate");
        }
        if (store.list().contains(ca.certificate())) {
            out.println("already in the NTAuth store (" + store.describe() + "): " + ca.describe());
            return;
        }
        store.add(ca.certificate());
        out.println("added to the NTAuth store (" + store.describe() + "):");
        NtAuthListing.print(out, ca);
    }

    private static void remove(NtAuthStoreEditor store, String id, PrintStream out) throws IOException {
        String wanted = id.replaceAll("[\\s:]", "").toUpperCase(Locale.ROOT);
        List<NtAuthCa> matches = store.list().cas().stream()
                .filter(ca -> ca.thumbprint().equals(wanted) || serialMatches(ca.certificate(), wanted)).toList();
        if (matches.isEmpty()) {
            throw new IOException("no CA with thumbprint or serial " + id + " in the NTAuth store ("
                    + store.describe() + ")");
        }
        if (matches.size() > 1) {
            throw new IOException("serial " + id + " matches " + matches.size() + " CAs; give the thumbprint");
        }
        store.remove(matches.get(0));
        out.println("removed from the NTAuth store (" + store.describe() + "):");
        NtAuthListing.print(out, matches.get(0));
    }

    private static boolean serialMatches(X509Certificate cert, String hex) {
        try {
            return !hex.isEmpty() && cert.getSerialNumber().equals(new BigInteger(hex, 16));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The store the config names: its folder, or the directory (the running KDC's embedded one, and its LDIF). */
    static NtAuthStoreEditor editor(KdcConfig config, PrintStream out) throws IOException, UsageException {
        switch (config.ntauth().source()) {
            case OFF:
                throw new UsageException("ntauth: " + config.file() + " has [ntauth] source = off; nothing to change");
            case FILES:
                return new FolderNtAuthEditor(config.ntauth().files());
            default:
                break;
        }
        DirectorySettings d = config.directory();
        String dn = NtAuthCertificates.dn(d.baseDn());
        if (d.type() == DirectoryType.LDAP) {
            return new DirectoryNtAuthEditor(Optional.of(ldap(config, d.urls())), Optional.empty(),
                    String.join(", ", d.urls().stream().map(URI::toString).toList()) + " " + dn, out);
        }
        LdifNtAuthFile ldif = new LdifNtAuthFile(d.ldif(), d.baseDn());
        Optional<URI> running = DirectoryUrlFile.read(config.file());
        if (running.isEmpty()) {
            out.println("no running KDC published its directory (" + DirectoryUrlFile.of(config.file())
                    + "); changing the LDIF only");
            return new DirectoryNtAuthEditor(Optional.empty(), Optional.of(ldif), "LDIF " + ldif.describe(), out);
        }
        String secret = DirectorySecret.read(config.file()).orElseThrow(() -> new IOException("the KDC running "
                + "with " + config.file() + " left no " + DirectorySecret.of(config.file()) + " to bind with"));
        LdapDirectorySettings tools = settings(config, List.of(running.get()))
                .withBind(DirectorySecret.BIND_DN, secret);
        return new DirectoryNtAuthEditor(Optional.of(new LdapNtAuthCertificates(tools)), Optional.of(ldif),
                "embedded directory " + running.get() + " " + dn, out);
    }

    private static NtAuthCertificates ldap(KdcConfig config, List<URI> urls) throws IOException {
        return new LdapNtAuthCertificates(settings(config, urls));
    }

    private static LdapDirectorySettings settings(KdcConfig config, List<URI> urls) throws IOException {
        return ConfiguredDirectory.ldapSettings(config.directory(), config.attributes(), urls);
    }

    static Request parse(String[] args) throws UsageException {
        List<String> positional = new ArrayList<>();
        Path config = CommandConfig.DEFAULT;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("ntauth: --config needs a value\n" + USAGE);
                }
                config = Path.of(args[++i]);
            } else if (args[i].startsWith("--")) {
                throw new UsageException("ntauth: unknown option " + args[i] + "\n" + USAGE);
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.isEmpty()) {
            throw new UsageException("ntauth: add, list or remove?\n" + USAGE);
        }
        String action = positional.get(0);
        int wanted = switch (action) {
            case "list" -> 1;
            case "add", "remove" -> 2;
            default -> throw new UsageException("ntauth: unknown action " + action + "\n" + USAGE);
        };
        if (positional.size() != wanted) {
            throw new UsageException("ntauth " + action + ": " + (wanted == 1 ? "takes no argument"
                    : "needs " + (action.equals("add") ? "a certificate FILE" : "a THUMBPRINT or SERIAL")) + "\n" + USAGE);
        }
        CommandConfig.readable(config, "ntauth", USAGE);
        return new Request(action, wanted == 2 ? positional.get(1) : null, config);
    }
}
