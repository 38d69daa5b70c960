package dev.pkinitkdc.kdc.tool.pki;

import dev.pkinitkdc.kdc.support.files.BoundedFiles;
import dev.pkinitkdc.kdc.tool.cli.UsageException;
import dev.pkinitkdc.kdc.tool.labpki.LabPki;
import dev.pkinitkdc.kdc.tool.labpki.RevokedSerials;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code pki crl revoke|publish|show}: records a revocation in {@code ca/revoked.txt} (which a lab's OCSP
 * responder and CRLs also serve) and publishes a new issuing CA CRL to {@code crl/issuing.crl}.
 */
final class CrlCommand {
    static final String USAGE = """
            usage: pkinit-kdc pki crl revoke SERIAL|CERTFILE [--reason REASON] [--dir DIR] [--next-update 7d]
                   pkinit-kdc pki crl publish [--root] [--dir DIR] [--next-update 7d]
                   pkinit-kdc pki crl show [--root] [--dir DIR]
              revoke   add the certificate (its serial in hex, or its PEM/DER file) to DIR/ca/revoked.txt (default
                       DIR ./pki; on a lab folder the lab's OCSP responder answers "revoked" from then on) and publish a
                       new CRL of the issuing CA to DIR/crl/issuing.crl (DER), its cRLNumber one more than before.
                       REASON (RFC 5280 5.3.1, default unspecified):
                         %s
              publish  sign a new CRL without a change, before the old one's nextUpdate (e.g. daily from cron);
                       --root: the root CA's, DIR/crl/root.crl
              show     print the CRL's number, validity and revoked serials
              --next-update TIME  how long the new CRL is valid (default 7d)
              Point the KDC at the folder: [revocation] crl_mirror = DIR/crl
            examples:
              bin/pkinit-kdc pki crl revoke pki/users/alice.pem --reason keyCompromise --dir pki
              bin/pkinit-kdc pki crl revoke 5A3F0C --dir lab
            """.formatted(wrapped(RevokedSerials.reasonNames()));

    private CrlCommand() {
    }

    /** The names, five to a line, indented under the option text. */
    private static String wrapped(List<String> names) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            out.append(i == 0 ? "" : i % 5 == 0 ? ",\n             " : ", ").append(names.get(i));
        }
        return out.toString();
    }

    static int run(String[] args, PrintStream out) throws UsageException, IOException {
        PkiArguments a = PkiArguments.parse("crl", USAGE, args, Set.of("--dir", "--reason", "--next-update"),
                Set.of("--root"));
        List<String> positional = a.positional();
        if (positional.isEmpty()) {
            throw a.usage("revoke, publish or show?");
        }
        String action = positional.get(0);
        int wanted = action.equals("revoke") ? 2 : 1;
        if (!List.of("revoke", "publish", "show").contains(action)) {
            throw a.usage("unknown action " + action);
        }
        if (positional.size() != wanted) {
            throw a.usage(wanted == 2 ? "revoke needs a SERIAL or CERTFILE" : action + " takes no argument");
        }
        if (a.flag("--root") && action.equals("revoke") || a.value("--reason").isPresent() && wanted == 1) {
            throw a.usage("--root goes with publish and show, --reason with revoke");
        }
        Duration nextUpdate;
        try {
            nextUpdate = a.value("--next-update").map(Validity::parse).orElse(CrlPublisher.DEFAULT_NEXT_UPDATE);
            RevokedSerials.reason(a.value("--reason", "unspecified"));
        } catch (IllegalArgumentException e) {
            throw a.usage(e.getMessage());
        }
        PkiFolder folder = PkiFolder.at(a.dir());
        CrlPublisher publisher = new CrlPublisher(folder);
        switch (action) {
            case "show" -> show(out, CrlPublisher.read(a.flag("--root") ? folder.layout().rootCrl()
                    : folder.layout().issuingCrl()).orElseThrow(() -> new IOException("no CRL published in "
                    + folder.layout().issuingCrl().getParent() + " yet: run `pki crl publish`")));
            case "publish" -> {
                LabPki ca = folder.ca();
                X509CRL crl = a.flag("--root") ? publisher.publishRoot(ca, nextUpdate)
                        : publisher.publishIssuing(ca, nextUpdate);
                out.println("published " + (a.flag("--root") ? folder.layout().rootCrl()
                        : folder.layout().issuingCrl()));
                show(out, crl);
            }
            default -> {
                LabPki ca = folder.ca();
                BigInteger serial = serial(positional.get(1), ca.issuing().certificate());
                String reason = a.value("--reason", "unspecified");
                boolean listed = RevokedSerials.read(folder.layout().revokedSerials()).containsKey(serial);
                RevokedSerials.ensureListed(folder.layout().revokedSerials(), serial, reason,
                        Optional.of(Instant.now()), "pki crl revoke");
                out.println((listed ? "already revoked: " : "revoked: ") + serial.toString(16).toUpperCase(Locale.ROOT)
                        + (listed ? "" : " (" + reason + ")") + " in " + folder.layout().revokedSerials());
                X509CRL crl = publisher.publishIssuing(ca, nextUpdate);
                out.println("published " + folder.layout().issuingCrl());
                show(out, crl);
            }
        }
        return 0;
    }

    /** The serial of a certificate FILE issued by the issuing CA, or a hex serial ({@code :} and spaces allowed). */
    static BigInteger serial(String argument, X509Certificate issuingCa) throws IOException, UsageException {
        Path file = Path.of(argument);
        if (Files.exists(file)) {
            X509Certificate certificate = BoundedFiles.certificates(file).get(0);
            if (!certificate.getIssuerX500Principal().equals(issuingCa.getSubjectX500Principal())) {
                throw new IOException(file + " was issued by " + certificate.getIssuerX500Principal().getName()
                        + ", not by this issuing CA " + issuingCa.getSubjectX500Principal().getName());
            }
            return certificate.getSerialNumber();
        }
        String hex = argument.replaceAll("[\\s:]", "");
        if (!hex.matches("[0-9A-Fa-f]{1,40}")) {
            throw new UsageException("pki crl revoke: " + argument + " is neither a certificate file nor a hex serial"
                    + "\n" + USAGE);
        }
        return new BigInteger(hex, 16);
    }

    static void show(PrintStream out, X509CRL crl) {
        out.println("CRL of " + crl.getIssuerX500Principal().getName() + ", number "
                + CrlPublisher.number(crl) + ", thisUpdate " + crl.getThisUpdate().toInstant() + ", nextUpdate "
                + crl.getNextUpdate().toInstant());
        var entries = crl.getRevokedCertificates();
        out.println("  revoked: " + (entries == null ? 0 : entries.size()));
        if (entries != null) {
            for (X509CRLEntry e : entries) {
                out.println("  " + e.getSerialNumber().toString(16).toUpperCase(Locale.ROOT) + " "
                        + e.getRevocationDate().toInstant()
                        + (e.getRevocationReason() != null ? " " + e.getRevocationReason() : ""));
            }
        }
    }
}
