package dev.pkinitkdc.kdc.lab;

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

/** PEM files: certificates ("CERTIFICATE") and unencrypted PKCS#8 private keys ("PRIVATE KEY", RFC 7468). */
public final class PemFiles {
    private PemFiles() {
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

    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        return dev.pkinitkdc.pkinit.cert.PemFiles.certificates(file);
    }

    public static X509Certificate readCertificate(Path file) throws IOException {
        return readCertificates(file).get(0);
    }

    /** Reads a PKCS#8 ("PRIVATE KEY") or traditional ("RSA PRIVATE KEY") unencrypted key. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        return dev.pkinitkdc.pkinit.cert.PemFiles.privateKey(file);
    }

    public static CertifiedKey readCertifiedKey(Path certificateFile, Path keyFile) throws IOException {
        return new CertifiedKey(readCertificate(certificateFile), readPrivateKey(keyFile));
    }
}
