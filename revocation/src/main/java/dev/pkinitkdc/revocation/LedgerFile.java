package dev.pkinitkdc.revocation;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The {@link RevokedLedger} on disk: {@code revoked-ledger.txt} in the revocation cache folder, one line per
 * remembered revocation, rewritten whole through a temporary file and an atomic move (as the CRL disk cache), so
 * a crash leaves the old file or the new one, never half of one. Lines:
 * {@code ISSUER-KEY-SHA256 SERIAL-HEX REASON REVOCATION-TIME STATED-AT NOT-AFTER KIND LOCATION(url-encoded)}.
 */
final class LedgerFile {
    static final String NAME = "revoked-ledger.txt";
    private static final String HEADER = "# pkinit-kdc revoked ledger v1: issuer-key-sha256 serial reason "
            + "revocation-time stated-at not-after source location";
    /** A stored location is cut to this many characters (it only names the source in logs and audit lines). */
    static final int MAX_LOCATION = 200;
    /** A line is at most about 1 KiB (the location URL-encoded is the longest field). */
    static final long MAX_LINE_BYTES = 1024;
    private static final int FIELDS = 8;

    /** What the file held: the entries that parsed, and how many lines did not. */
    record Contents(List<RememberedRevocation> entries, int unreadable) {
    }

    private final Path file;

    LedgerFile(Path folder) {
        this.file = folder.resolve(NAME);
    }

    Path path() {
        return file;
    }

    /**
     * @param maxEntries the ledger's bound: a file bigger than that many lines can hold was not written by the
     *                   ledger and is refused
     */
    Contents read(int maxEntries) throws IOException {
        long limit = (maxEntries + 1) * MAX_LINE_BYTES;
        List<String> lines;
        try {
            if (Files.size(file) > limit) {
                throw new IOException(file + " is bigger than the ledger can be (" + limit + " bytes)");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Contents(List.of(), 0);
        }
        List<RememberedRevocation> out = new ArrayList<>();
        int unreadable = 0;
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                out.add(parse(line));
            } catch (RuntimeException e) {
                unreadable++;
            }
        }
        return new Contents(out, unreadable);
    }

    void write(Collection<RememberedRevocation> entries) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        entries.forEach(e -> text.append(line(e)).append('\n'));
        Path folder = file.getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, NAME, ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static String line(RememberedRevocation e) {
        String location = e.location().length() > MAX_LOCATION ? e.location().substring(0, MAX_LOCATION)
                : e.location();
        return String.join(" ", e.serial().issuerKeyHash(), e.serial().serial().toString(16),
                e.revoked().reason(), e.revoked().revocationTime().toString(), e.statedAt().toString(),
                e.notAfter().toString(), e.kind(), URLEncoder.encode(location, StandardCharsets.UTF_8));
    }

    static RememberedRevocation parse(String line) {
        String[] f = line.split(" ");
        if (f.length != FIELDS || !f[0].matches("[0-9a-f]{64}") || !f[2].matches("[A-Za-z0-9]{1,40}")
                || !f[6].matches("[a-z]{1,10}")) {
            throw new IllegalArgumentException("not a ledger line");
        }
        return new RememberedRevocation(new RevokedSerial(f[0], new BigInteger(f[1], 16)),
                new RevokedEntry(Instant.parse(f[3]), f[2]), Instant.parse(f[4]), f[6],
                URLDecoder.decode(f[7], StandardCharsets.UTF_8), Instant.parse(f[5]));
    }
}
