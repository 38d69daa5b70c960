package dev.pkinitkdc.kdc.support.files;

import dev.pkinitkdc.pkinit.cert.PemFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a user names to the tools (a certificate to explain or add to NTAuth, a password file, a config), read
 * with a bound: regular files only (a FIFO would block the open, /dev/zero never ends, a directory is a mistake),
 * no larger than a limit for what they hold, and the limit enforced while reading, so a file that grows after the
 * check is cut too. Each refusal is an {@link IOException} naming the file and what it was taken for.
 */
public final class BoundedFiles {
    /** A PEM or DER certificate, or a bundle of them (the few hundred CAs of a system bundle fit). */
    public static final long CERTIFICATE = 1024 * 1024;
    /** A PEM private key (an RSA 16384-bit key is about 12 KiB). */
    public static final long KEY = 64 * 1024;
    /** A file whose first line is a password. */
    public static final long PASSWORD = 64 * 1024;
    /** A kdc.conf. */
    public static final long CONFIG = 1024 * 1024;
    /** A keytab (the KDC's krbtgt keys: a few entries of a hundred bytes). */
    public static final long KEYTAB = 1024 * 1024;

    private BoundedFiles() {
    }

    /**
     * The bytes of {@code file}, at most {@code max}.
     *
     * @param what what the file is for, as the error says it ("certificate file")
     */
    public static byte[] read(Path file, long max, String what) throws IOException {
        check(file, max, what);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw tooLarge(file, max, what);
            }
            return bytes;
        }
    }

    /**
     * Refuses {@code file} unless it is a regular file (links followed) of at most {@code max} bytes; for files read
     * by a parser of another module, which cannot take the bytes (a check, not a bound: a file swapped after it
     * is not caught).
     */
    public static void check(Path file, long max, String what) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new IOException(what + " " + file + ": cannot read: " + e.getMessage(), e);
        }
        if (!attributes.isRegularFile()) {
            throw new IOException(what + " " + file + ": not a regular file (" + kind(attributes) + ")");
        }
        if (attributes.size() > max) {
            throw tooLarge(file, max, what);
        }
    }

    /** Every certificate in a PEM or DER file of at most {@link #CERTIFICATE} bytes. */
    public static List<X509Certificate> certificates(Path file) throws IOException {
        return PemFiles.certificates(read(file, CERTIFICATE, "certificate file"), file.toString());
    }

    /** The unencrypted private key in a PEM file of at most {@link #KEY} bytes. */
    public static PrivateKey privateKey(Path file) throws IOException {
        return PemFiles.privateKey(read(file, KEY, "key file"), file.toString());
    }

    /** Every certificate in each of {@code files}, in order ({@link #certificates(Path)} each). */
    public static List<X509Certificate> certificates(List<Path> files) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        for (Path f : files) {
            out.addAll(certificates(f));
        }
        return out;
    }

    /** The first line of a password file of at most {@link #PASSWORD} bytes (may be empty); a file with none is refused. */
    public static String firstLine(Path file) throws IOException {
        return new String(read(file, PASSWORD, "password file"), StandardCharsets.UTF_8).lines().findFirst()
                .orElseThrow(() -> new IOException(file + ": empty (the first line is the password)"));
    }

    /** {@link #firstLine}, and an empty password refused. */
    public static String password(Path file) throws IOException {
        String first = firstLine(file);
        if (first.isEmpty()) {
            throw new IOException(file + ": no password on the first line");
        }
        return first;
    }

    private static IOException tooLarge(Path file, long max, String what) {
        return new IOException(what + " " + file + ": larger than " + max + " bytes, the most a " + what
                + " may have");
    }

    private static String kind(BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        return attributes.isOther() ? "a device, FIFO or socket" : "not a file";
    }
}
