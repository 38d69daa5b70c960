package dev.pkinitkdc.kdc.tool.pki;

import dev.pkinitkdc.kdc.tool.cli.UsageException;
import dev.pkinitkdc.kdc.tool.labpki.LabLayout;
import dev.pkinitkdc.kdc.tool.labpki.LabOids;
import dev.pkinitkdc.kdc.tool.labpki.LabPki;
import dev.pkinitkdc.mapping.altsec.CertificateSids;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * {@code pki issue-user}: a smart card logon certificate (EKU clientAuth and Smart Card Logon, KU
 * digitalSignature) in the lab's {@code users/NAME.pem|.key|.p12} layout. SAN: the Microsoft UPN, unless
 * {@code --no-san}; {@code --sid} adds the SID security extension (KB5014754, MS-WCCE 2.2.2.7.7.4) and, with a SAN,
 * the SAN URI {@code tag:microsoft.com,2022-09-14:sid:SID}. Prints the altSecurityIdentities values that map it.
 */
final class IssueUser {
    static final String USAGE = """
            usage: pkinit-kdc pki issue-user (--upn USER@DOMAIN [--subject DN] | --no-san --subject DN)
                                             [--sid S-1-5-21-...] [--name NAME] [--dir DIR]
                                             [--key-size 2048|3072|4096 | --ec p256|p384|p521] [--validity 1y]
                                             [--password-file F] [--force]
              Issue a logon certificate from DIR's issuing CA (default ./pki) to DIR/users/NAME.pem, .key and .p12
              (empty password unless --password-file), and print the altSecurityIdentities values that map it
              (strong ones first, as AD stores them; any one of them on the account maps the certificate).
              --upn UPN        SAN otherName Microsoft UPN (weak alone under full enforcement: add --sid, or
                               put a strong altSecurityIdentities value on the account)
              --no-san         no SAN at all: the account needs an altSecurityIdentities value and the user a
                               username hint (kinit NAME)
              --subject DN     subject, RFC 4514 (default CN=the UPN's user part)
              --sid SID        the account's objectSid: SID extension 1.3.6.1.4.1.311.25.2 (and, with a SAN, the
                               SAN URI tag:microsoft.com,2022-09-14:sid:SID); strong by itself
              --name NAME      file name (default: the UPN's user part, else the subject's CN)
              --ec CURVE       an ECDSA key on p256, p384 or p521 instead of RSA
              --validity TIME  1y (default), 90d, 12h
            examples:
              bin/pkinit-kdc pki issue-user --dir pki --upn alice@lab.example --sid S-1-5-21-1-2-3-1100
              bin/pkinit-kdc pki issue-user --dir lab --no-san --subject "CN=Frank,O=Lab" --name frank
            """;
    private static final Pattern SID = Pattern.compile("S-1-[0-9]+(-[0-9]+)+", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** What to put in the certificate, checked. */
    record Request(Optional<String> upn, String subject, Optional<String> sid, boolean san, String name,
                   KeyChoice keys, Duration validity) {
    }

    private IssueUser() {
    }

    static int run(String[] args, PrintStream out) throws UsageException, IOException {
        PkiArguments a = PkiArguments.parse("issue-user", USAGE, args, Set.of("--dir", "--upn", "--subject", "--sid",
                "--name", "--key-size", "--ec", "--validity", "--password-file"), Set.of("--no-san", "--force"));
        a.expectPositional(0, "");
        Request request = request(a);
        PkiFolder folder = PkiFolder.at(a.dir());
        LabPki ca = folder.ca();
        LabLayout.EndEntityFiles files = folder.layout().user(request.name());
        EndEntityOutput.checkFree(files, a.flag("--force"));
        CertifiedKey issued = folder.issue(ca, certificate(request), request.validity());
        EndEntityOutput.write(files, issued, folder.chain(ca), a.value("--password-file").map(Path::of));
        out.println("user certificate " + issued.certificate().getSubjectX500Principal().getName()
                + request.upn().map(u -> ", UPN " + u).orElse(", no SAN")
                + request.sid().map(s -> ", SID " + s).orElse("") + " (" + request.keys().describe() + ", serial "
                + issued.certificate().getSerialNumber().toString(16) + ", until "
                + issued.certificate().getNotAfter().toInstant() + ")");
        out.println("  " + files.certificate() + ", " + files.privateKey() + ", " + files.pkcs12());
        out.println("  kinit -X X509_user_identity=FILE:" + files.certificate() + "," + files.privateKey() + " "
                + request.upn().map(u -> u.substring(0, u.indexOf('@')))
                        .orElse("ACCOUNT   (the account holding one of the values below)"));
        if (request.upn().isPresent() && request.sid().isEmpty()) {
            out.println("note: the SAN UPN alone maps weakly (refused with 66 under full enforcement): give --sid with"
                    + " the account's objectSid, or put a strong value below on the account");
        }
        AltSecurityIdentityListing.print(out, issued.certificate());
        return 0;
    }

    static Request request(PkiArguments a) throws UsageException {
        boolean san = !a.flag("--no-san");
        Optional<String> upn = a.value("--upn");
        Optional<String> subject = a.value("--subject");
        if (san == upn.isEmpty()) {
            throw a.usage(san ? "needs --upn USER@DOMAIN, or --no-san with --subject DN"
                    : "--no-san and --upn exclude each other");
        }
        if (!san && subject.isEmpty()) {
            throw a.usage("--no-san needs --subject DN");
        }
        if (upn.isPresent() && (upn.get().indexOf('@') <= 0 || upn.get().endsWith("@"))) {
            throw a.usage("--upn: not USER@DOMAIN: " + upn.get());
        }
        Optional<String> sid = a.value("--sid").map(s -> s.strip().toUpperCase(Locale.ROOT));
        if (sid.isPresent() && !SID.matcher(sid.get()).matches()) {
            throw a.usage("--sid: not a SID (S-1-5-21-...): " + sid.get());
        }
        try {
            String dn = subject.orElseGet(() -> "CN=" + upn.get().substring(0, upn.get().indexOf('@')));
            new X500Principal(dn);
            String name = a.value("--name").orElseGet(() -> upn.map(u -> u.substring(0, u.indexOf('@')))
                    .orElseGet(() -> commonName(dn)));
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("--name: \"" + name + "\" is not a usable file name (letters,"
                        + " digits, . _ -); give --name");
            }
            return new Request(upn, dn, sid, san, name, KeyChoice.of(a.value("--key-size"), a.value("--ec")),
                    Validity.parse(a.value("--validity", "1y")));
        } catch (IllegalArgumentException e) {
            throw a.usage(e.getMessage());
        }
    }

    static CertificateBuilder certificate(Request r) {
        CertificateBuilder builder = CertificateBuilder.withKey(r.subject(), r.keys().generate())
                .extendedKeyUsages(KeyPurposeId.id_kp_clientAuth, LabOids.MS_SMART_CARD_LOGON)
                .keyUsage(KeyUsage.digitalSignature);
        List<GeneralName> names = new ArrayList<>();
        r.upn().ifPresent(upn -> names.add(SubjectAltNames.upnName(upn)));
        r.sid().ifPresent(sid -> {
            builder.extension(CertificateSids.extension(sid));
            if (r.san()) {
                names.add(new GeneralName(GeneralName.uniformResourceIdentifier, CertificateSids.SID_URI_PREFIX + sid));
            }
        });
        if (!names.isEmpty()) {
            builder.subjectAltNames(names.toArray(GeneralName[]::new));
        }
        return builder;
    }

    private static String commonName(String dn) {
        RDN[] cn = X500Name.getInstance(new X500Principal(dn).getEncoded()).getRDNs(BCStyle.CN);
        if (cn.length == 0) {
            throw new IllegalArgumentException("--subject has no CN to name the files after; give --name");
        }
        return IETFUtils.valueToString(cn[0].getFirst().getValue()).replace(' ', '-');
    }
}
