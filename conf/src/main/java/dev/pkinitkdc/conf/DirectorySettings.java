package dev.pkinitkdc.conf;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code [directory]}: where accounts live. {@code ldif} and {@code embeddedListen*} apply to EMBEDDED;
 * {@code urls} to LDAP (empty for EMBEDDED, which ignores {@code url}).
 */
public record DirectorySettings(DirectoryType type, String baseDn, List<Path> ldif, String embeddedListenHost,
                                int embeddedListenPort, List<URI> urls, Optional<String> bindDn,
                                Optional<Path> bindPasswordFile, Duration timeout, int poolSize) {
    public DirectorySettings {
        ldif = List.copyOf(ldif);
        urls = List.copyOf(urls);
    }
}
