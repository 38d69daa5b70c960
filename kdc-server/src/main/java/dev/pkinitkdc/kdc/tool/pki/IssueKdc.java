package dev.pkinitkdc.kdc.tool.pki;

import dev.pkinitkdc.kdc.tool.cli.UsageException;
import dev.pkinitkdc.kdc.tool.labpki.LabLayout;
import dev.pkinitkdc.kdc.tool.labpki.LabOids;
import dev.pkinitkdc.kdc.tool.labpki.LabPki;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * {@code pki issue-kdc}: a KDC certificate as the Windows "Kerberos Authentication" template makes one. EKU
 * id-pkinit-KPKdc (RFC 4556 3.2.4), serverAuth, clientAuth and Smart Card Logon; KU digitalSignature and
 * keyEncipherment; SAN dNSName FQDN and id-pkinit-san {@code krbtgt/REALM@REALM}, which MIT kinit checks; AIA OCSP
 * and CRL distribution point when the CA has revocation URLs.
 */
final class IssueKdc {
    static final String USAGE = """
            usage: pkinit-kdc pki issue-kdc --fqdn HOST [--realm REALM] [--dir DIR] [--key-size 2048|3072|4096]
                                            [--validity 2.5y] [--out FILE.p12] [--password-file F] [--force]
              Issue a KDC certificate from DIR's issuing CA (default ./pki): PKCS#12 with key, certificate and chain
              (issuing CA, root), and FILE.pem and FILE.key beside it for MIT and [identity] certificate/key.
              --fqdn HOST          the KDC's DNS name: subject CN and SAN dNSName
              --realm REALM        the realm of the id-pkinit-san krbtgt/REALM@REALM (default: HOST's domain,
                                   upper-cased: dc01.lab.example -> LAB.EXAMPLE)
              --key-size BITS      RSA key size (default 2048)
              --validity TIME      lifetime: 2.5y (913 days, the default), 1y, 90d
              --out FILE.p12       (default DIR/kdc/HOST.p12)
              --password-file F    the PKCS#12 password is F's first line (default: empty password); give the same
                                   file as [identity] pkcs12_password_file
              --force              replace existing files
            example:
              bin/pkinit-kdc pki issue-kdc --dir pki --fqdn dc01.lab.example
              # kdc.conf: [identity] pkcs12 = pki/kdc/dc01.lab.example.p12
            """;
    private static final Pattern FQDN = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");
    static final String DEFAULT_VALIDITY = "2.5y";

    private IssueKdc() {
    }

    static int run(String[] args, PrintStream out) throws UsageException, IOException {
        PkiArguments a = PkiArguments.parse("issue-kdc", USAGE, args,
                Set.of("--dir", "--fqdn", "--realm", "--key-size", "--validity", "--out", "--password-file"),
                Set.of("--force"));
        a.expectPositional(0, "");
        String fqdn = a.value("--fqdn").orElseThrow(() -> a.usage("needs --fqdn HOST")).toLowerCase(Locale.ROOT);
        if (!FQDN.matcher(fqdn).matches()) {
            throw a.usage("--fqdn: not a fully qualified DNS name: " + fqdn);
        }
        String realm = a.value("--realm").orElse(fqdn.substring(fqdn.indexOf('.') + 1).toUpperCase(Locale.ROOT));
        KeyChoice keys;
        Duration validity;
        try {
            keys = KeyChoice.of(a.value("--key-size"), Optional.empty());
            validity = Validity.parse(a.value("--validity", DEFAULT_VALIDITY));
        } catch (IllegalArgumentException e) {
            throw a.usage(e.getMessage());
        }
        PkiFolder folder = PkiFolder.at(a.dir());
        LabPki ca = folder.ca();
        Path pkcs12 = a.value("--out").map(Path::of)
                .orElse(folder.layout().dir().resolve("kdc").resolve(fqdn + ".p12"));
        LabLayout.EndEntityFiles files = EndEntityOutput.beside(pkcs12);
        EndEntityOutput.checkFree(files, a.flag("--force"));
        CertifiedKey issued = folder.issue(ca, certificate(fqdn, realm, keys), validity);
        EndEntityOutput.write(files, issued, folder.chain(ca), a.value("--password-file").map(Path::of));
        out.println("KDC certificate " + issued.certificate().getSubjectX500Principal().getName() + " for realm "
                + realm + " (" + keys.describe() + ", serial " + issued.certificate().getSerialNumber().toString(16)
                + ", until " + issued.certificate().getNotAfter().toInstant() + ")");
        out.println("  " + files.pkcs12() + "   [identity] pkcs12");
        out.println("  " + files.certificate() + ", " + files.privateKey() + "   [identity] certificate, key");
        return 0;
    }

    static CertificateBuilder certificate(String fqdn, String realm, KeyChoice keys) {
        return CertificateBuilder.withKey("CN=" + fqdn, keys.generate())
                .subjectAltNames(new GeneralName(GeneralName.dNSName, fqdn), LabPki.krbtgtName(realm))
                .extendedKeyUsages(LabOids.ID_PKINIT_KP_KDC, KeyPurposeId.id_kp_serverAuth,
                        KeyPurposeId.id_kp_clientAuth, LabOids.MS_SMART_CARD_LOGON)
                .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
    }
}
