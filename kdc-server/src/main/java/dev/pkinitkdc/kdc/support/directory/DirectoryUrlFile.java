package dev.pkinitkdc.kdc.support.directory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code directory.url} next to the config file: the {@code ldap://} URL of the embedded directory of the KDC
 * running with that config, written when it starts and deleted when it stops, so {@code pkinit-kdc ntauth}
 * can change the live directory inside the running KDC process.
 */
public final class DirectoryUrlFile {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryUrlFile.class);
    static final String NAME = "directory.url";

    private DirectoryUrlFile() {
    }

    public static Path of(Path configFile) {
        return configFile.toAbsolutePath().normalize().resolveSibling(NAME);
    }

    /** Writes the URL; closing deletes the file if it still holds this URL. */
    public static AutoCloseable publish(Path configFile, String url) throws IOException {
        Path file = of(configFile);
        Files.writeString(file, url + "\n", StandardCharsets.UTF_8);
        LOG.info("embedded directory {} published in {}", url, file);
        return () -> {
            if (read(configFile).map(u -> u.toString().equals(url)).orElse(false)) {
                Files.deleteIfExists(file);
            }
        };
    }

    /** The URL a running KDC published for this config, if any. */
    public static Optional<URI> read(Path configFile) throws IOException {
        Path file = of(configFile);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(URI.create(text));
    }
}
