package dev.pkinitkdc.kdc.tool.pki;

import dev.pkinitkdc.kdc.tool.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code pkinit-kdc pki SUBCOMMAND}: a small PKI for labs and tests, in the layout of a lab's {@code ca/} folder so
 * it also works on a folder {@code pkinit-kdc lab} made. Exit codes: 0 done, 1 failed, 2 usage.
 */
public final class PkiCommand {
    public static final String USAGE = """
            usage: pkinit-kdc pki SUBCOMMAND [OPTIONS]   (pki SUBCOMMAND --help for its options)
              init        make a root CA and an issuing CA in DIR (default ./pki)
              issue-kdc   issue a KDC certificate (PKCS#12 + PEM): pki issue-kdc --fqdn dc01.lab.example
              issue-user  issue a smart card logon certificate and print the altSecurityIdentities that map it
              export-ca   write the CA certificates for trust anchors, ntauth add, Windows (PEM or DER)
              crl         revoke a certificate and publish CRLs: pki crl revoke SERIAL|CERTFILE
            Every subcommand takes --dir DIR; a lab folder (pkinit-kdc lab --dir lab) works too.
            examples:
              bin/pkinit-kdc pki init --dir pki --name "Example Lab"
              bin/pkinit-kdc pki issue-kdc --dir pki --fqdn dc01.lab.example
              bin/pkinit-kdc pki issue-user --dir pki --upn alice@lab.example --sid S-1-5-21-1-2-3-1100
              bin/pkinit-kdc pki export-ca --dir pki --out pki/anchors.pem
              bin/pkinit-kdc pki crl revoke pki/users/alice.pem --reason keyCompromise --dir pki
            """;

    private interface Subcommand {
        int run(String[] args, PrintStream out) throws UsageException, IOException;
    }

    private record Entry(String usage, Subcommand command) {
    }

    private static final Map<String, Entry> SUBCOMMANDS = Map.of(
            "init", new Entry(PkiInit.USAGE, PkiInit::run),
            "issue-kdc", new Entry(IssueKdc.USAGE, IssueKdc::run),
            "issue-user", new Entry(IssueUser.USAGE, IssueUser::run),
            "export-ca", new Entry(ExportCa.USAGE, ExportCa::run),
            "crl", new Entry(CrlCommand.USAGE, CrlCommand::run));

    private PkiCommand() {
    }

    public static int run(String[] args, PrintStream out) throws UsageException, IOException {
        if (args.length == 0) {
            throw new UsageException("pki: which subcommand?\n" + USAGE);
        }
        if (isHelp(args[0])) {
            out.print(USAGE);
            return 0;
        }
        Entry entry = SUBCOMMANDS.get(args[0]);
        if (entry == null) {
            throw new UsageException("pki: unknown subcommand " + args[0] + "\n" + USAGE);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.stream(rest).anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
            out.print(entry.usage());
            return 0;
        }
        return entry.command().run(rest, out);
    }

    private static boolean isHelp(String arg) {
        return List.of("--help", "-h", "help").contains(arg);
    }
}
