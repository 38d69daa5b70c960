package dev.pkinitkdc.kdc.tool.ntauth;

import dev.pkinitkdc.kdc.stage.trust.ntauth.FileNtAuthSource;
import dev.pkinitkdc.kdc.stage.trust.ntauth.NtAuthCa;
import dev.pkinitkdc.kdc.stage.trust.ntauth.NtAuthStore;
import dev.pkinitkdc.kdc.support.files.BoundedFiles;
import dev.pkinitkdc.kdc.tool.labpki.PemFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/** {@code source = files}: adds write {@code THUMBPRINT.pem} into the first folder listed; removes delete the file. */
final class FolderNtAuthEditor implements NtAuthStoreEditor {
    private final List<Path> paths;

    FolderNtAuthEditor(List<Path> paths) {
        this.paths = List.copyOf(paths);
    }

    @Override
    public NtAuthStore list() throws IOException {
        return new FileNtAuthSource(paths).load();
    }

    @Override
    public void add(X509Certificate ca) throws IOException {
        Path folder = paths.stream().filter(Files::isDirectory).findFirst()
                .orElseThrow(() -> new IOException("[ntauth] files names no folder to add certificates to"));
        PemFileWriter.writeCertificates(folder.resolve(NtAuthCa.of(ca).thumbprint() + ".pem"),
                List.of(ca));
    }

    @Override
    public void remove(NtAuthCa ca) throws IOException {
        for (Path file : FileNtAuthSource.files(paths)) {
            List<X509Certificate> inFile = BoundedFiles.certificates(file);
            if (inFile.contains(ca.certificate())) {
                if (inFile.size() > 1) {
                    throw new IOException(file + " holds other certificates too; edit it by hand");
                }
                Files.delete(file);
            }
        }
    }

    @Override
    public String describe() {
        return new FileNtAuthSource(paths).describe();
    }

    @Override
    public void close() {
        // nothing held open
    }
}
