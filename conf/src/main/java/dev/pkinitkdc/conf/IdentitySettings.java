package dev.pkinitkdc.conf;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code [identity]}: the KDC certificate and key, as PEM files (certificate + key) or as pkcs12. */
public record IdentitySettings(Optional<Path> certificate, Optional<Path> key, Optional<Path> pkcs12,
                               Optional<Path> pkcs12PasswordFile, List<Path> chain) {
    public IdentitySettings {
        chain = List.copyOf(chain);
    }
}
