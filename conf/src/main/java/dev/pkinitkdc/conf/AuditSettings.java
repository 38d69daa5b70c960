package dev.pkinitkdc.conf;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code [audit]}: where the JSON audit line of every AS-REQ goes.
 *
 * @param file the audit file (rolled daily and by size, old files gzip-compressed); empty: the line goes to the
 *             diagnostic log through the logger {@code dev.pkinitkdc.audit}
 * @param maxFileSize bytes after which the current file is rolled
 * @param maxHistory days of rolled files kept
 * @param totalSizeCap bytes all rolled files may take together before the oldest are deleted
 */
public record AuditSettings(Optional<Path> file, long maxFileSize, int maxHistory, long totalSizeCap) {
    public static final long DEFAULT_MAX_FILE_SIZE = 100L << 20;
    public static final int DEFAULT_MAX_HISTORY = 30;
    public static final long DEFAULT_TOTAL_SIZE_CAP = 1L << 30;

    /** No audit file: the diagnostic log. */
    public static AuditSettings diagnosticLog() {
        return new AuditSettings(Optional.empty(), DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_HISTORY, DEFAULT_TOTAL_SIZE_CAP);
    }
}
