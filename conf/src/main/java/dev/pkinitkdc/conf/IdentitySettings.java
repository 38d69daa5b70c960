package dev.pkinitkdc.conf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code [identity]}: the KDC certificate and key, as PEM files (certificate + key) or as pkcs12.
 *
 * @param ocspStaple where the OCSP response about the KDC certificate stapled into replies comes from (RFC 4557)
 * @param ocspStapleFile the DER OCSPResponse file, with {@link OcspStaple#FILE} only
 */
public record IdentitySettings(Optional<Path> certificate, Optional<Path> key, Optional<Path> pkcs12,
                               Optional<Path> pkcs12PasswordFile, List<Path> chain, Duration reloadInterval,
                               OcspStaple ocspStaple, Optional<Path> ocspStapleFile) {
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(5);

    /** off: never staple; fetch: ask the responder in the certificate's AIA; file: read a DER response file. */
    public enum OcspStaple { OFF, FETCH, FILE }

    public IdentitySettings {
        chain = List.copyOf(chain);
    }

    public IdentitySettings(Optional<Path> certificate, Optional<Path> key, Optional<Path> pkcs12,
                            Optional<Path> pkcs12PasswordFile, List<Path> chain, Duration reloadInterval) {
        this(certificate, key, pkcs12, pkcs12PasswordFile, chain, reloadInterval, OcspStaple.OFF, Optional.empty());
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
