package dev.pkinitkdc.kdc.tool.pki;

import dev.pkinitkdc.kdc.tool.cli.UsageException;
import dev.pkinitkdc.kdc.tool.labpki.LabPki;
import dev.pkinitkdc.kdc.tool.labpki.LabRevocationUrls;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * {@code pki init}: a root CA and an issuing CA (pathLen 0) in {@code DIR/ca/}, the layout of a lab's CA, and
 * their first CRLs in {@code DIR/crl/}. An existing CA is kept unless {@code --force}.
 */
final class PkiInit {
    static final String USAGE = """
            usage: pkinit-kdc pki init [--dir DIR] [--name NAME] [--key-size 2048|3072|4096] [--validity 10y]
                                       [--revocation-url http://HOST:PORT] [--next-update 7d] [--force]
              Make a root CA "CN=NAME Root CA,O=NAME" and an issuing CA "CN=NAME Issuing CA,O=NAME" in DIR/ca
              (default ./pki; the same layout as a lab's ca/ folder), and their CRLs DIR/crl/root.crl and
              DIR/crl/issuing.crl.
              --name NAME          (default Lab)
              --key-size BITS      RSA key size of both CAs (default 2048)
              --validity TIME      lifetime of both CAs: 10y, 2.5y, 913d, 12h (default 10y)
              --revocation-url URL where OCSP (URL/ocsp) and the CRLs (URL/crl/issuing.crl, URL/crl/root.crl) will be
                                   served; certificates then carry AIA OCSP and CRL distribution points (default:
                                   none). Recorded in DIR/ca/revocation-url, as a lab records its own.
              --next-update TIME   how long the first CRLs are valid (default 7d)
              --force              replace an existing CA (every certificate it issued stops chaining)
            example:
              bin/pkinit-kdc pki init --dir /etc/pkinit-kdc/pki --name "Example Lab" --key-size 3072
            """;
    static final String DEFAULT_NAME = "Lab";

    private PkiInit() {
    }

    static int run(String[] args, PrintStream out) throws UsageException, IOException {
        PkiArguments a = PkiArguments.parse("init", USAGE, args,
                Set.of("--dir", "--name", "--key-size", "--validity", "--revocation-url", "--next-update"),
                Set.of("--force"));
        a.expectPositional(0, "");
        String name = a.value("--name", DEFAULT_NAME).strip();
        KeyChoice keys;
        Duration validity;
        Duration nextUpdate;
        Optional<LabRevocationUrls> urls;
        String rootDn;
        String issuingDn;
        try {
            keys = KeyChoice.of(a.value("--key-size"), Optional.empty());
            validity = Validity.parse(a.value("--validity", "10y"));
            nextUpdate = a.value("--next-update").map(Validity::parse).orElse(CrlPublisher.DEFAULT_NEXT_UPDATE);
            urls = a.value("--revocation-url").isEmpty() ? Optional.empty()
                    : Optional.of(LabRevocationUrls.parse(a.value("--revocation-url").get()));
            rootDn = caName(name, "Root CA");
            issuingDn = caName(name, "Issuing CA");
        } catch (IllegalArgumentException | IOException e) {
            throw a.usage(e.getMessage());
        }
        PkiFolder folder = PkiFolder.at(a.dir());
        if (folder.hasCa() && !a.flag("--force")) {
            throw new IOException(folder.layout().dir() + " already has a CA (ca/root.pem, ca/issuing.pem); give"
                    + " --force to replace it");
        }
        LabPki ca = LabPki.generate(rootDn, issuingDn, keys::generate, validity, urls.orElse(null));
        ca.save(folder.layout());
        if (urls.isPresent()) {
            folder.recordRevocationUrls(urls.get());
        }
        CrlPublisher crls = new CrlPublisher(folder);
        crls.publishRoot(ca, nextUpdate);
        crls.publishIssuing(ca, nextUpdate);
        out.println("root CA     " + ca.root().certificate().getSubjectX500Principal().getName() + " ("
                + keys.describe() + ", until " + ca.root().certificate().getNotAfter().toInstant() + ")");
        out.println("issuing CA  " + ca.issuing().certificate().getSubjectX500Principal().getName());
        out.println("in          " + folder.layout().dir().resolve("ca") + ", CRLs in "
                + folder.layout().issuingCrl().getParent());
        urls.ifPresent(u -> out.println("revocation  " + u.ocsp() + ", " + u.issuingCrl() + ", " + u.rootCrl()));
        return 0;
    }

    /** {@code CN=NAME ROLE,O=NAME}, escaped as RFC 4514 requires; an unusable name is an error. */
    private static String caName(String name, String role) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("--name must not be empty");
        }
        String escaped = name.replaceAll("([\\\\,+\"<>;=#])", "\\\\$1");
        String dn = "CN=" + escaped + " " + role + ",O=" + escaped;
        new X500Principal(dn); // throws IllegalArgumentException for what still is not a DN
        return dn;
    }
}
