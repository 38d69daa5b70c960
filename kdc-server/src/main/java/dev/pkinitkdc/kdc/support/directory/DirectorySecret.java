package dev.pkinitkdc.kdc.support.directory;

import dev.pkinitkdc.kdc.support.files.SecretFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code directory.secret} next to the config file: the password the project's tools ({@code ntauth add|remove})
 * bind to the embedded directory with, as {@link #BIND_DN}, to change it; anonymous LDAP clients may only read.
 * 256 random bits (base64url), generated when an embedded directory first starts with that config, mode 0600,
 * kept across restarts. One line without a newline, so it also serves as {@code ldapmodify -y FILE} and as
 * {@code [directory] bind_password_file}.
 */
public final class DirectorySecret {
    private static final Logger LOG = LoggerFactory.getLogger(DirectorySecret.class);
    /** The DN the tools bind as; not an entry of the directory, the server knows it (and only it) by this secret. */
    public static final String BIND_DN = "cn=pkinit-kdc";
    static final String NAME = "directory.secret";
    private static final int BYTES = 32;

    private DirectorySecret() {
    }

    public static Path of(Path configFile) {
        return configFile.toAbsolutePath().normalize().resolveSibling(NAME);
    }

    /** The secret of this config, generated now if it has none; a file others can read is warned about. */
    public static String ensure(Path configFile) throws IOException {
        Path file = of(configFile);
        String secret = SecretFiles.readOrCreate(file, DirectorySecret::generate).strip();
        if (secret.isEmpty()) {
            throw new IOException(file + " is empty; delete it and a new secret is generated");
        }
        if (SecretFiles.readableByOthers(file)) {
            LOG.warn("{} can be read by other users, who could change the embedded directory: chmod 600 {}",
                    file, file);
        }
        return secret;
    }

    /** The secret a running KDC with this config generated, if any. */
    public static Optional<String> read(Path configFile) throws IOException {
        Path file = of(configFile);
        return Files.exists(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
    }

    /** A fresh secret nobody is told: a guarded directory nobody may change (a look that changes nothing). */
    public static String untold() {
        return generate();
    }

    private static String generate() {
        byte[] bytes = new byte[BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
