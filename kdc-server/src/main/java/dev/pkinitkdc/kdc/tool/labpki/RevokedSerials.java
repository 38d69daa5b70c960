package dev.pkinitkdc.kdc.tool.labpki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * DIR/ca/revoked.txt: the serials the lab's revocation server says are revoked, one {@code SERIALHEX REASON [WHEN]}
 * per line, REASON a CRLReason name of RFC 5280 5.3.1 ({@code keyCompromise}, {@code superseded}, ...), WHEN an
 * optional ISO-8601 instant of the revocation (without it: the file's modification time); {@code #} starts a
 * comment. Edit it to revoke a certificate: the lab serves the change within a few minutes.
 */
public final class RevokedSerials {
    /** RFC 5280 5.3.1 reasonCode names, by value (7 is not used). */
    private static final List<String> REASONS = List.of("unspecified", "keyCompromise", "cACompromise",
            "affiliationChanged", "superseded", "cessationOfOperation", "certificateHold", "", "removeFromCRL",
            "privilegeWithdrawn", "aACompromise");

    /** One revoked serial. */
    public record Entry(BigInteger serial, int reason, Instant revoked) {
        public String reasonName() {
            return REASONS.get(reason);
        }
    }

    /** The reason names this file accepts, in reasonCode order. */
    public static List<String> reasonNames() {
        return REASONS.stream().filter(r -> !r.isEmpty()).toList();
    }

    private RevokedSerials() {
    }

    /** The entries of the file, revoked at their WHEN, else the file's modification time; none if it is absent. */
    public static Map<BigInteger, Entry> read(Path file) throws IOException {
        Map<BigInteger, Entry> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        Instant revoked = Files.getLastModifiedTime(file).toInstant();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\s+");
            try {
                BigInteger serial = new BigInteger(fields[0], 16);
                Instant when = fields.length > 2 ? Instant.parse(fields[2]) : revoked;
                out.put(serial, new Entry(serial, reason(fields.length > 1 ? fields[1] : "unspecified"), when));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new IOException(file + ":" + (i + 1) + ": not \"SERIALHEX REASON [WHEN]\": " + lines.get(i), e);
            }
        }
        return out;
    }

    /** Adds {@code serial} with {@code reason} unless listed; creates the file with its explanation if absent. */
    public static void ensureListed(Path file, BigInteger serial, String reason, String comment) throws IOException {
        ensureListed(file, serial, reason, Optional.empty(), comment);
    }

    /** Like {@link #ensureListed(Path, BigInteger, String, String)}, recording when it was revoked. */
    public static void ensureListed(Path file, BigInteger serial, String reason, Optional<Instant> when,
                                    String comment) throws IOException {
        if (read(file).containsKey(serial)) {
            return;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        StringBuilder text = new StringBuilder();
        if (!Files.exists(file)) {
            text.append("# Certificates the lab's OCSP responder and CRL say are revoked: SERIALHEX REASON [WHEN] per line\n")
                    .append("# (RFC 5280 5.3.1 reason names: keyCompromise, superseded, cessationOfOperation, ...).\n");
        }
        text.append(serial.toString(16).toUpperCase(Locale.ROOT)).append(' ').append(REASONS.get(reason(reason)));
        when.ifPresent(w -> text.append(' ').append(w.truncatedTo(ChronoUnit.SECONDS)));
        text.append("   # ").append(comment).append('\n');
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The RFC 5280 5.3.1 reasonCode of {@code name}, e.g. 1 for {@code keyCompromise}. */
    public static int reason(String name) {
        int value = REASONS.indexOf(name);
        if (value < 0 || name.isEmpty()) {
            throw new IllegalArgumentException("not a CRLReason name: " + name);
        }
        return value;
    }
}
