package dev.pkinitkdc.mapping.ldap;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the account directory: URLs tried in order (failover), optional simple bind, the search base,
 * the connect/search timeout and the number of pooled connections per URL.
 */
public record LdapDirectorySettings(List<URI> urls, Optional<String> bindDn, Optional<String> bindPassword,
                                    String baseDn, Duration timeout, int poolSize, AttributeNames names) {
    public LdapDirectorySettings {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one LDAP URL is needed");
        }
        Objects.requireNonNull(bindDn);
        Objects.requireNonNull(bindPassword);
        Objects.requireNonNull(baseDn);
        Objects.requireNonNull(names);
        if (timeout.isNegative() || timeout.isZero() || poolSize < 1) {
            throw new IllegalArgumentException("timeout and poolSize must be positive");
        }
    }

    /** Anonymous, AD attribute names. */
    public static LdapDirectorySettings anonymous(List<URI> urls, String baseDn, Duration timeout, int poolSize) {
        return new LdapDirectorySettings(urls, Optional.empty(), Optional.empty(), baseDn, timeout, poolSize,
                AttributeNames.activeDirectory());
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "LdapDirectorySettings[urls=" + urls + ", bindDn=" + bindDn.orElse("(anonymous)") + ", baseDn="
                + baseDn + ", timeout=" + timeout + ", poolSize=" + poolSize + "]";
    }
}
