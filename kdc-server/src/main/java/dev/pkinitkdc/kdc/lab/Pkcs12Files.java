package dev.pkinitkdc.kdc.lab;

import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * PKCS#12 files (RFC 7292) with an empty password, as {@code openssl pkcs12 -passin pass:} and MIT kinit's
 * {@code PKCS12:} identities read them without prompting.
 */
public final class Pkcs12Files {
    public static final String ALIAS = "1";
    private static final char[] EMPTY_PASSWORD = new char[0];

    private Pkcs12Files() {
    }

    /** Writes the key and its certificate, followed by {@code chain} (issuing CAs), mode 0600. */
    public static void write(Path file, CertifiedKey credential, List<X509Certificate> chain) throws IOException {
        List<Certificate> certificates = new ArrayList<>();
        certificates.add(credential.certificate());
        certificates.addAll(chain);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, credential.privateKey(), EMPTY_PASSWORD, certificates.toArray(Certificate[]::new));
            SecretFiles.write(file, out -> {
                try {
                    store.store(out, EMPTY_PASSWORD);
                } catch (GeneralSecurityException e) {
                    throw new IOException(file + ": cannot write PKCS#12", e);
                }
            });
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": cannot write PKCS#12", e);
        }
    }
}
