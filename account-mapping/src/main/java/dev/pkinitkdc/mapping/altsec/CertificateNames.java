package dev.pkinitkdc.mapping.altsec;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** SAN rfc822Name and URI values of a certificate (RFC 5280 4.2.1.6); an unreadable SAN yields none. */
final class CertificateNames {
    private static final int RFC822_NAME = 1;
    private static final int URI = 6;

    private CertificateNames() {
    }

    static List<String> rfc822Names(X509Certificate cert) {
        return of(cert, RFC822_NAME);
    }

    static List<String> uris(X509Certificate cert) {
        return of(cert, URI);
    }

    private static List<String> of(X509Certificate cert, int type) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(type).equals(san.get(0)) && san.get(1) instanceof String s) {
                        out.add(s);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // unreadable SAN: no names
        }
        return out;
    }
}
