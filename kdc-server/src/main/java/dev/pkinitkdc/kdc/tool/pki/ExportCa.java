package dev.pkinitkdc.kdc.tool.pki;

import dev.pkinitkdc.kdc.tool.cli.UsageException;
import dev.pkinitkdc.kdc.tool.labpki.LabPki;
import dev.pkinitkdc.kdc.tool.labpki.PemFileWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * {@code pki export-ca}: the CA certificates for the places that trust them: the root for MIT
 * {@code pkinit_anchors} and the KDC's {@code [trust] anchors}, the issuing CA for {@code ntauth add} and
 * {@code [trust] intermediates}, DER for Windows ({@code certutil -addstore Root ca.cer}).
 */
final class ExportCa {
    static final String USAGE = """
            usage: pkinit-kdc pki export-ca [--dir DIR] [--root | --issuing | --chain] [--der] [--out FILE]
              Write DIR's CA certificate(s) (default ./pki) as PEM to FILE, or to standard output.
              --root     the root CA (the default): MIT pkinit_anchors, [trust] anchors
              --issuing  the issuing CA: [trust] intermediates, MIT pkinit_pool, `pkinit-kdc ntauth add`
              --chain    issuing CA, then root, in one PEM file
              --der      DER instead of PEM (one certificate: --root or --issuing; needs --out), for Windows
            examples:
              bin/pkinit-kdc pki export-ca --dir pki --out /etc/pkinit-kdc/anchors.pem
              bin/pkinit-kdc pki export-ca --dir pki --issuing --der --out issuing.cer
            """;

    private ExportCa() {
    }

    static int run(String[] args, PrintStream out) throws UsageException, IOException {
        PkiArguments a = PkiArguments.parse("export-ca", USAGE, args, Set.of("--dir", "--out"),
                Set.of("--root", "--issuing", "--chain", "--der"));
        a.expectPositional(0, "");
        long choices = Set.of("--root", "--issuing", "--chain").stream().filter(a::flag).count();
        if (choices > 1) {
            throw a.usage("give one of --root, --issuing, --chain");
        }
        Optional<Path> file = a.value("--out").map(Path::of);
        if (a.flag("--der") && (a.flag("--chain") || file.isEmpty())) {
            throw a.usage("--der writes one certificate (--root or --issuing) to --out FILE");
        }
        LabPki ca = PkiFolder.at(a.dir()).ca();
        List<X509Certificate> certificates = a.flag("--chain")
                ? List.of(ca.issuing().certificate(), ca.root().certificate())
                : List.of(a.flag("--issuing") ? ca.issuing().certificate() : ca.root().certificate());
        if (file.isEmpty()) {
            JcaPEMWriter pem = new JcaPEMWriter(new java.io.OutputStreamWriter(out, StandardCharsets.US_ASCII));
            for (X509Certificate c : certificates) {
                pem.writeObject(c);
            }
            pem.flush();
            return 0;
        }
        if (a.flag("--der")) {
            try {
                Files.createDirectories(file.get().toAbsolutePath().getParent());
                Files.write(file.get(), certificates.get(0).getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IOException("cannot encode " + certificates.get(0).getSubjectX500Principal(), e);
            }
        } else {
            PemFileWriter.writeCertificates(file.get(), certificates);
        }
        for (X509Certificate c : certificates) {
            out.println("exported " + c.getSubjectX500Principal().getName() + " to " + file.get());
        }
        return 0;
    }
}
