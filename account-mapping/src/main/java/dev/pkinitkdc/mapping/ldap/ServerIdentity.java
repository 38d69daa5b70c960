package dev.pkinitkdc.mapping.ldap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The server identity check of RFC 4513 section 3.1.3: an IP address host must equal an iPAddress
 * subjectAltName (3.1.3.2); a DNS host must match a dNSName subjectAltName, case-insensitively, where
 * {@code *} may stand for the whole leftmost label (3.1.3.1); only a certificate without dNSName names is
 * matched on the subject's most specific CN (the deprecated practice RFC 4513 still allows).
 */
final class ServerIdentity {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private ServerIdentity() {
    }

    static void check(String host, X509Certificate certificate) throws CertificateException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean ip = bare.contains(":") || IPV4.matcher(bare).matches();
        List<String> names = altNames(certificate, ip ? IP_ADDRESS : DNS_NAME);
        boolean matches = ip ? names.stream().anyMatch(name -> sameAddress(bare, name))
                : (names.isEmpty() ? commonNames(certificate) : names).stream().anyMatch(name -> dnsMatch(bare, name));
        if (!matches) {
            throw new CertificateException("the directory's certificate (" + certificate.getSubjectX500Principal()
                    + ") does not name " + host);
        }
    }

    private static List<String> altNames(X509Certificate certificate, int type) throws CertificateParsingException {
        Collection<List<?>> all = certificate.getSubjectAlternativeNames();
        List<String> names = new ArrayList<>();
        if (all != null) {
            for (List<?> name : all) {
                if (name.get(0) instanceof Integer t && t == type && name.get(1) instanceof String s) {
                    names.add(s);
                }
            }
        }
        return names;
    }

    private static List<String> commonNames(X509Certificate certificate) {
        try {
            List<Rdn> rdns = new LdapName(certificate.getSubjectX500Principal().getName()).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) { // LdapName lists the most specific RDN last
                if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
                    return List.of(rdns.get(i).getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            // no usable subject name
        }
        return List.of();
    }

    private static boolean sameAddress(String host, String name) {
        try { // both are literals: no name lookup happens
            return InetAddress.getByName(host).equals(InetAddress.getByName(name));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean dnsMatch(String host, String pattern) {
        String h = stripDot(host.toLowerCase(Locale.ROOT));
        String p = stripDot(pattern.toLowerCase(Locale.ROOT));
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot).equals(p.substring(1));
        }
        return h.equals(p);
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
