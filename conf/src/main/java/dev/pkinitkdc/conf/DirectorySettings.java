package dev.pkinitkdc.conf;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code [directory]}: where accounts live. {@code ldif} and {@code embeddedListen*} apply to EMBEDDED;
 * {@code urls}, {@code tls} and {@code caFile} to LDAP (empty or NONE for EMBEDDED, which ignores {@code url}).
 */
public record DirectorySettings(DirectoryType type, String baseDn, List<Path> ldif, String embeddedListenHost,
                                int embeddedListenPort, List<URI> urls, Optional<String> bindDn,
                                Optional<Path> bindPasswordFile, Duration timeout, int poolSize, Tls tls,
                                Optional<Path> caFile) {
    /** How the connection is protected: RFC 4513 3 (StartTLS) or LDAP over TLS (ldaps://). */
    public enum Tls { NONE, LDAPS, STARTTLS }

    public DirectorySettings {
        ldif = List.copyOf(ldif);
        urls = List.copyOf(urls);
    }
}
