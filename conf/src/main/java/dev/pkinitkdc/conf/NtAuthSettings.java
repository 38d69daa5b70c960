package dev.pkinitkdc.conf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code [ntauth]}: where the enterprise NTAuth store is read from (the CAs allowed to issue logon certificates,
 * MS-PKCA 3.1.5.2.1.1, KB5057784) and how often it is read again.
 *
 * @param files for {@link Source#FILES}: PEM or DER certificate files, or folders of them
 */
public record NtAuthSettings(Source source, List<Path> files, Duration refreshInterval) {
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(60);

    /** The directory's NTAuthCertificates object, certificate files, or no NTAuth check at all (lab only). */
    public enum Source { DIRECTORY, FILES, OFF }

    public NtAuthSettings {
        Objects.requireNonNull(source);
        files = List.copyOf(files);
        Objects.requireNonNull(refreshInterval);
    }
}
