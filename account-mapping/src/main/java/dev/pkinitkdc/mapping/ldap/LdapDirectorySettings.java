package dev.pkinitkdc.mapping.ldap;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the account directory: URLs tried in order (failover), optional simple bind, the search base,
 * the connect/search timeout, the number of pooled connections per URL, and TLS: {@link Tls LDAPS or StartTLS},
 * the PEM file of CAs trusted for the directory's certificate (none: the JDK's default trust store) and whether
 * the certificate must name the URL's host (on unless turned off, RFC 4513 section 3.1.3).
 */
public record LdapDirectorySettings(List<URI> urls, Optional<String> bindDn, Optional<String> bindPassword,
                                    String baseDn, Duration timeout, int poolSize, AttributeNames names,
                                    Tls tls, Optional<Path> caFile, boolean verifyHostname) {
    public LdapDirectorySettings {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one LDAP URL is needed");
        }
        Objects.requireNonNull(bindDn);
        Objects.requireNonNull(bindPassword);
        Objects.requireNonNull(baseDn);
        Objects.requireNonNull(names);
        Objects.requireNonNull(tls);
        Objects.requireNonNull(caFile);
        if (timeout.isNegative() || timeout.isZero() || poolSize < 1) {
            throw new IllegalArgumentException("timeout and poolSize must be positive");
        }
        urls.forEach(tls::forUrl); // a URL that does not fit the TLS setting is a configuration error
    }

    /** Without TLS settings: plain {@code ldap://}, or LDAPS for {@code ldaps://} URLs with the JDK's trust store. */
    public LdapDirectorySettings(List<URI> urls, Optional<String> bindDn, Optional<String> bindPassword,
                                 String baseDn, Duration timeout, int poolSize, AttributeNames names) {
        this(urls, bindDn, bindPassword, baseDn, timeout, poolSize, names, Tls.NONE, Optional.empty(), true);
    }

    /** Anonymous, AD attribute names. */
    public static LdapDirectorySettings anonymous(List<URI> urls, String baseDn, Duration timeout, int poolSize) {
        return new LdapDirectorySettings(urls, Optional.empty(), Optional.empty(), baseDn, timeout, poolSize,
                AttributeNames.activeDirectory());
    }

    /** The same with this TLS mode and CA file (hostname verification unchanged). */
    public LdapDirectorySettings withTls(Tls mode, Optional<Path> trustedCas) {
        return new LdapDirectorySettings(urls, bindDn, bindPassword, baseDn, timeout, poolSize, names, mode,
                trustedCas, verifyHostname);
    }

    /** The same, bound as {@code dn} with {@code password} (simple bind). */
    public LdapDirectorySettings withBind(String dn, String password) {
        return new LdapDirectorySettings(urls, Optional.of(dn), Optional.of(password), baseDn, timeout, poolSize, names,
                tls, caFile, verifyHostname);
    }

    /** The same with hostname verification on or off. */
    public LdapDirectorySettings withHostnameVerification(boolean verify) {
        return new LdapDirectorySettings(urls, bindDn, bindPassword, baseDn, timeout, poolSize, names, tls, caFile,
                verify);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "LdapDirectorySettings[urls=" + urls + ", bindDn=" + bindDn.orElse("(anonymous)") + ", baseDn="
                + baseDn + ", timeout=" + timeout + ", poolSize=" + poolSize + ", tls=" + tls + ", caFile="
                + caFile.map(Path::toString).orElse("(JDK default)") + ", verifyHostname=" + verifyHostname + "]";
    }
}
