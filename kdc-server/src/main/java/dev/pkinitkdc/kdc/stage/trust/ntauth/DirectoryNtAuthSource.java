package dev.pkinitkdc.kdc.stage.trust.ntauth;

import dev.pkinitkdc.mapping.directory.NtAuthCertificates;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code [ntauth] source = directory}: the {@code cACertificate} values of the directory's NTAuthCertificates
 * object, as a Windows DC reads them (MS-PKCA 3.1.5.2.1.1). An absent object is an empty store (logged when
 * it goes missing). Every successful read is the whole store: values that are not certificates (AD's 0x00
 * placeholder left when the last CA is removed, or garbage) are skipped with one WARN each when they first
 * appear, and the others are used; no such value fails the load.
 */
public final class DirectoryNtAuthSource implements NtAuthSource {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryNtAuthSource.class);

    private final NtAuthCertificates directory;
    private final String dn;
    private final AtomicBoolean absent = new AtomicBoolean();
    /** The skipped values and the emptiness last logged, so a refresh every few seconds logs a change only once. */
    private final AtomicReference<String> reported = new AtomicReference<>("");

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
        CaCertificateValues read = CaCertificateValues.read(values.get());
        report(read);
        return NtAuthStore.of(read.certificates());
    }

    /**
     * One WARN per skipped value and one for an empty store (naming AD's placeholder when that is all there is),
     * when they differ from what the last read logged.
     */
    private void report(CaCertificateValues read) {
        String now = read.skipped().stream().map(CaCertificateValues.Skipped::describe).toList()
                + (read.noCa() ? " empty" : "");
        if (reported.getAndSet(now).equals(now)) {
            return;
        }
        boolean onlyPlaceholder = !read.skipped().isEmpty()
                && read.skipped().stream().allMatch(CaCertificateValues.Skipped::placeholder);
        read.skipped().stream().filter(s -> !(read.noCa() && onlyPlaceholder))
                .forEach(s -> LOG.warn("NTAuth: {} cACertificate {}", dn, s.describe()));
        if (read.noCa()) {
            LOG.warn("NTAuth: {} holds no CA certificate{}: the NTAuth store is empty and every certificate logon "
                    + "is refused with KDC_ERR_CLIENT_NOT_TRUSTED (62)", dn,
                    onlyPlaceholder ? " (only AD's 0x00 placeholder, kept when the last CA is removed)" : "");
        }
    }

    @Override
    public String describe() {
        return "directory " + dn;
    }
}
