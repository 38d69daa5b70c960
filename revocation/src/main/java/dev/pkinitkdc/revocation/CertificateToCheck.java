package dev.pkinitkdc.revocation;

import java.security.cert.X509Certificate;
import java.util.Objects;

/** One certificate of a validated path and the certificate of the CA that issued it (RFC 5280 6.3, RFC 6960 4.1.1). */
public record CertificateToCheck(X509Certificate certificate, X509Certificate issuer) {
    public CertificateToCheck {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(issuer, "issuer");
    }
}
