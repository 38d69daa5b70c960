package dev.pkinitkdc.pkinit.cert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Certificates and keys from PEM and PKCS#12 files, as the KDC, its tools and its client read them. */
public final class PemFiles {
    private PemFiles() {
    }

    /** Every certificate in a PEM (or DER) file, in file order. */
    public static List<X509Certificate> certificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return certificates(in, file.toString());
        }
    }

    /** The first certificate in a PEM (or DER) file. */
    public static X509Certificate certificate(Path file) throws IOException {
        return certificates(file).get(0);
    }

    /** Every certificate in the PEM (or DER) bytes of a file read already (with a bound), in order. */
    public static List<X509Certificate> certificates(byte[] encoded, String file) throws IOException {
        return certificates(new ByteArrayInputStream(encoded), file);
    }

    private static List<X509Certificate> certificates(InputStream in, String file) throws IOException {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IOException(file + ": no certificate in file");
            }
            return out;
        } catch (CertificateException e) {
            throw new IOException(file + ": not a certificate file: " + e.getMessage(), e);
        }
    }

    /** An unencrypted private key: PKCS#8 "PRIVATE KEY", or traditional "RSA/EC PRIVATE KEY". */
    public static PrivateKey privateKey(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            return privateKey(r, file.toString());
        }
    }

    /** {@link #privateKey(Path)} of the bytes of a file read already (with a bound). */
    public static PrivateKey privateKey(byte[] pem, String file) throws IOException {
        return privateKey(new StringReader(new String(pem, StandardCharsets.US_ASCII)), file);
    }

    private static PrivateKey privateKey(Reader r, String file) throws IOException {
        try (PEMParser parser = new PEMParser(r)) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (o instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IOException(file + ": no unencrypted private key in file");
        }
    }

    /** The first certificate of {@code certificateFile} with the unencrypted private key in {@code keyFile}. */
    public static CertifiedKey certifiedKey(Path certificateFile, Path keyFile) throws IOException {
        return new CertifiedKey(certificate(certificateFile), privateKey(keyFile));
    }

    /** The first key entry of a PKCS#12 file and its chain (end entity first). */
    public record KeyAndChain(PrivateKey key, List<X509Certificate> chain) {
        public KeyAndChain {
            chain = List.copyOf(chain);
        }
    }

    public static KeyAndChain pkcs12(Path file, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) ks.getKey(alias, password);
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate c : ks.getCertificateChain(alias)) {
                        chain.add((X509Certificate) c);
                    }
                    return new KeyAndChain(key, chain);
                }
            }
            throw new IOException(file + ": no key entry in PKCS#12 file");
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": unreadable PKCS#12: " + e.getMessage(), e);
        }
    }
}
