package dev.pkinitkdc.kdc.stage.trust.ntauth;

import dev.pkinitkdc.kdc.support.identity.KdcCertificateCheck;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** One CA certificate of the NTAuth store, known by its SHA-1 thumbprint as certutil shows it. */
public record NtAuthCa(X509Certificate certificate, String thumbprint) {
    public NtAuthCa {
        Objects.requireNonNull(certificate);
        Objects.requireNonNull(thumbprint);
    }

    public static NtAuthCa of(X509Certificate certificate) {
        return new NtAuthCa(certificate, KdcCertificateCheck.thumbprint(certificate));
    }

    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    /** {@code subject (SHA-1 thumbprint)}: how logs and e-text name a CA. */
    public String describe() {
        return subject() + " (SHA-1 " + thumbprint + ")";
    }
}
