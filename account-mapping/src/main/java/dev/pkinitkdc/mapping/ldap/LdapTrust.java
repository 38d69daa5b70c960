package dev.pkinitkdc.mapping.ldap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Trust for the directory's certificate: the CAs of a PEM file, or the JDK's default trust store. */
final class LdapTrust {
    private LdapTrust() {
    }

    /** @throws IllegalArgumentException when the file cannot be read or holds no certificate */
    static TrustManager[] trustManagers(Optional<Path> caFile) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(caFile.isPresent() ? keyStore(caFile.get()) : null);
            return factory.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("LDAP CA file " + caFile.map(Path::toString).orElse("(JDK default)")
                    + ": " + e.getMessage(), e);
        }
    }

    /** The X.509 trust manager of {@code trust}, also checking that the server's certificate names {@code host}. */
    static TrustManager checkingHost(TrustManager[] trust, String host) {
        for (TrustManager manager : trust) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return new HostCheckingTrustManager(x509, host);
            }
        }
        throw new IllegalStateException("no X.509 trust manager");
    }

    private static KeyStore keyStore(Path pem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> cas;
        try (InputStream in = Files.newInputStream(pem)) {
            cas = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (cas.isEmpty()) {
            throw new GeneralSecurityException("no certificate in the file");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate ca : cas) {
            store.setCertificateEntry("ca-" + i++, ca);
        }
        return store;
    }
}
