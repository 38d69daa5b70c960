package dev.pkinitkdc.kdc.tool.labpki;

import dev.pkinitkdc.kdc.support.files.SecretFiles;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Writes the PEM files the lab and the pki tools hand out: certificates ("CERTIFICATE") and unencrypted PKCS#8
 * private keys ("PRIVATE KEY", RFC 7468). They are read back with {@link dev.pkinitkdc.pkinit.cert.PemFiles}.
 */
public final class PemFileWriter {
    private PemFileWriter() {
    }

    public static void writeCertificates(Path file, List<X509Certificate> certificates) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (JcaPEMWriter pem = new JcaPEMWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII))) {
            for (X509Certificate certificate : certificates) {
                pem.writeObject(certificate);
            }
        }
    }

    /** Writes the key as PKCS#8 without encryption, mode 0600. */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        SecretFiles.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
            JcaPEMWriter pem = new JcaPEMWriter(writer);
            pem.writeObject(new JcaPKCS8Generator(key, null));
            pem.flush();
        });
    }

    public static void writeCertifiedKey(Path certificateFile, Path keyFile, CertifiedKey credential)
            throws IOException {
        writeCertificates(certificateFile, List.of(credential.certificate()));
        writePrivateKey(keyFile, credential.privateKey());
    }
}
