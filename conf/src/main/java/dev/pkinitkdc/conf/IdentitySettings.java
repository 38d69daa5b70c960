package dev.pkinitkdc.conf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code [identity]}: the KDC certificate and key, as PEM files (certificate + key) or as pkcs12. */
public record IdentitySettings(Optional<Path> certificate, Optional<Path> key, Optional<Path> pkcs12,
                               Optional<Path> pkcs12PasswordFile, List<Path> chain, Duration reloadInterval) {
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(5);

    public IdentitySettings {
        chain = List.copyOf(chain);
    }

    /** Every file the identity is read from: a change to any of them reloads it. */
    public List<Path> files() {
        List<Path> files = new java.util.ArrayList<>();
        certificate.ifPresent(files::add);
        key.ifPresent(files::add);
        pkcs12.ifPresent(files::add);
        pkcs12PasswordFile.ifPresent(files::add);
        files.addAll(chain);
        return List.copyOf(files);
    }
}
