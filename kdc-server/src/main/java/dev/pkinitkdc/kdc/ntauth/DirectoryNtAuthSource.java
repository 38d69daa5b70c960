package dev.pkinitkdc.kdc.ntauth;

import dev.pkinitkdc.mapping.directory.NtAuthCertificates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code [ntauth] source = directory}: the {@code cACertificate} values of the directory's NTAuthCertificates
 * object, as a Windows DC reads them (MS-PKCA 3.1.5.2.1.1). An absent object is an empty store (logged when
 * it goes missing); an unreadable value fails the load.
 */
public final class DirectoryNtAuthSource implements NtAuthSource {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryNtAuthSource.class);

    private final NtAuthCertificates directory;
    private final String dn;
    private final AtomicBoolean absent = new AtomicBoolean();

    public DirectoryNtAuthSource(NtAuthCertificates directory, String baseDn) {
        this.directory = directory;
        this.dn = NtAuthCertificates.dn(baseDn);
    }

    @Override
    public NtAuthStore load() throws IOException {
        Optional<List<byte[]>> values = directory.read();
        if (values.isEmpty()) {
            if (!absent.getAndSet(true)) {
                LOG.warn("NTAuth: {} does not exist: the NTAuth store is empty and every certificate logon is "
                        + "refused with KDC_ERR_CLIENT_NOT_TRUSTED (62)", dn);
            }
            return NtAuthStore.empty();
        }
        absent.set(false);
        return NtAuthStore.of(certificates(values.get()));
    }

    static List<X509Certificate> certificates(List<byte[]> ders) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : ders) {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            throw new IOException("a cACertificate value is not a certificate: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public String describe() {
        return "directory " + dn;
    }
}
