package dev.pkinitkdc.kdc.request;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A client certificate whose path to a trust anchor was built and checked (RFC 5280 6.1).
 *
 * @param path the certification path, end entity first, anchor excluded
 * @param anchor the trust anchor the path ends at
 */
public record ValidatedCertificate(X509Certificate certificate, List<X509Certificate> path, X509Certificate anchor) {
    public ValidatedCertificate {
        path = List.copyOf(path);
    }
}
