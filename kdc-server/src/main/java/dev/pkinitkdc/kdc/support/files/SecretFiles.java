package dev.pkinitkdc.kdc.support.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * Writes files holding private keys and passwords: created with mode 0600 where the file system has POSIX
 * permissions. Support for the server (the directory's tool secret) and the lab tools alike, so neither imports the
 * other.
 */
public final class SecretFiles {
    private SecretFiles() {
    }

    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path file, Content content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        createOwnerOnly(file);
        try (OutputStream out = Files.newOutputStream(file)) {
            content.writeTo(out);
        }
    }

    /**
     * The text of {@code file}; when it does not exist yet, first writes {@code fresh} into it (mode 0600, through a
     * temporary file moved into place, so no reader ever sees it half written). Two processes creating it at once
     * both end up with the one that was moved first.
     */
    public static String readOrCreate(Path file, Supplier<String> fresh) throws IOException {
        if (!Files.exists(file)) {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path temporary = folder.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            Files.deleteIfExists(temporary);
            createOwnerOnly(temporary);
            try {
                Files.writeString(temporary, fresh.get(), StandardCharsets.UTF_8);
                Files.move(temporary, file);
            } catch (FileAlreadyExistsException raced) {
                // another process made it first: use theirs
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Whether group or others may read the file (always false without POSIX permissions). */
    public static boolean readableByOthers(Path file) throws IOException {
        if (!posix()) {
            return false;
        }
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        return mode.charAt(3) == 'r' || mode.charAt(6) == 'r';
    }

    /** Created with the final mode, so the secret is never readable by others, not even briefly. */
    private static void createOwnerOnly(Path file) throws IOException {
        if (posix()) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
