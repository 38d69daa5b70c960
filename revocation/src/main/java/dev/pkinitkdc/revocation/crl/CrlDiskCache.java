package dev.pkinitkdc.revocation.crl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Downloaded CRLs on disk, one file per distribution point URL named by the SHA-256 of the URL, so that a KDC
 * restarted during an outage still has them. Files are replaced atomically (temporary file, then move), so a
 * crash never leaves half a CRL.
 */
final class CrlDiskCache {
    private final Path directory;

    CrlDiskCache(Path directory) {
        this.directory = directory;
    }

    Optional<byte[]> load(String url) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file(url)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    void store(String url, byte[] der) throws IOException {
        Files.createDirectories(directory);
        Path target = file(url);
        Path temporary = Files.createTempFile(directory, target.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, der);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    Path file(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return directory.resolve(HexFormat.of().formatHex(digest) + ".crl");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
