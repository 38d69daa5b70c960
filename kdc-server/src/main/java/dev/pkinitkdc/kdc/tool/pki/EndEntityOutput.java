package dev.pkinitkdc.kdc.tool.pki;

import dev.pkinitkdc.kdc.support.files.BoundedFiles;
import dev.pkinitkdc.kdc.tool.labpki.LabLayout;
import dev.pkinitkdc.kdc.tool.labpki.PemFileWriter;
import dev.pkinitkdc.kdc.tool.labpki.Pkcs12Files;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Writes one issued certificate as NAME.p12 (key, certificate, chain), NAME.pem (the certificate) and NAME.key
 * (unencrypted PKCS#8, mode 0600) side by side: PKCS#12 for Windows and the KDC's {@code [identity] pkcs12}, PEM for
 * MIT kinit's {@code FILE:cert,key} and {@code [identity] certificate/key}.
 */
final class EndEntityOutput {
    private EndEntityOutput() {
    }

    /** The files for {@code pkcs12}: the same name with .pem and .key. */
    static LabLayout.EndEntityFiles beside(Path pkcs12) {
        String name = pkcs12.getFileName().toString().replaceFirst("\\.(p12|pfx)$", "");
        Path folder = pkcs12.toAbsolutePath().getParent();
        return new LabLayout.EndEntityFiles(folder.resolve(name + ".pem"), folder.resolve(name + ".key"),
                pkcs12.toAbsolutePath());
    }

    /** Refuses to replace an earlier certificate unless forced. */
    static void checkFree(LabLayout.EndEntityFiles files, boolean force) throws IOException {
        for (Path p : List.of(files.pkcs12(), files.certificate(), files.privateKey())) {
            if (Files.exists(p) && !force) {
                throw new IOException(p + " exists; give --force to replace it, or another name");
            }
        }
    }

    /**
     * @param passwordFile whose first line protects the PKCS#12; none: the empty password, as the lab's files
     */
    static void write(LabLayout.EndEntityFiles files, CertifiedKey issued, List<X509Certificate> chain,
                      Optional<Path> passwordFile) throws IOException {
        char[] password = passwordFile.isPresent() ? BoundedFiles.password(passwordFile.get()).toCharArray()
                : new char[0];
        PemFileWriter.writeCertifiedKey(files.certificate(), files.privateKey(), issued);
        Pkcs12Files.write(files.pkcs12(), issued, chain, password);
    }
}
