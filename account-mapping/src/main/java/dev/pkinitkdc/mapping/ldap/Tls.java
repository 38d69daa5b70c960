package dev.pkinitkdc.mapping.ldap;

import java.net.URI;
import java.util.Locale;

/**
 * How the LDAP connection is protected. {@link #LDAPS}: TLS from the first byte on an {@code ldaps://} URL
 * (port 636 by default). {@link #STARTTLS}: an {@code ldap://} connection upgraded with the StartTLS extended
 * operation (RFC 4511 section 4.14, RFC 4513 section 3) before the bind; no fallback to plain text.
 * Either way the server's certificate is checked against the trusted CAs and its identity against the URL's host
 * (RFC 4513 section 3.1.3).
 */
public enum Tls {
    NONE, LDAPS, STARTTLS;

    /**
     * The protection used for {@code url}. With {@link #NONE} an {@code ldaps://} URL still means LDAPS (as before
     * TLS settings existed); {@link #LDAPS} needs {@code ldaps://} URLs and {@link #STARTTLS} {@code ldap://} ones.
     *
     * @throws IllegalArgumentException when the URL's scheme does not fit this setting
     */
    public Tls forUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        boolean ldaps = scheme.equals("ldaps");
        if (!ldaps && !scheme.equals("ldap")) {
            throw new IllegalArgumentException(url + " is not an ldap:// or ldaps:// URL");
        }
        return switch (this) {
            case NONE -> ldaps ? LDAPS : NONE;
            case LDAPS -> requireScheme(url, ldaps, "ldaps");
            case STARTTLS -> requireScheme(url, !ldaps, "ldap");
        };
    }

    private Tls requireScheme(URI url, boolean fits, String scheme) {
        if (!fits) {
            throw new IllegalArgumentException("tls = " + name().toLowerCase(Locale.ROOT) + " needs " + scheme
                    + ":// URLs, not " + url);
        }
        return this;
    }
}
