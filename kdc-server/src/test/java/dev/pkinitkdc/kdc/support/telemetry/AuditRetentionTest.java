package dev.pkinitkdc.kdc.support.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [audit] max_history and total_size_cap on the rolled files, never the live one nor other files. */
class AuditRetentionTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-11-22");

    @TempDir
    Path dir;

    private Path file(String name, int bytes) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, new byte[bytes]);
        return f;
    }

    @Test
    void daysOlderThanMaxHistoryGoAndTheRestStays() throws Exception {
        Path live = file("audit.jsonl", 10);
        Path old = file("audit.jsonl.2026-10-01.0", 10);
        Path edge = file("audit.jsonl.2026-10-23.3", 10);
        Path recent = file("audit.jsonl.2026-11-21.0", 10);
        Path other = file("other.log.2026-01-01.0", 10);
        List<Path> deleted = new AuditRetention(live, 30, 1L << 30).apply(TODAY);
        assertEquals(List.of(old), deleted);
        assertTrue(Files.exists(edge) && Files.exists(recent) && Files.exists(live) && Files.exists(other));
    }

    @Test
    void theOldestGoUntilTheRolledFilesFitTheCap() throws Exception {
        Path live = file("audit.jsonl", 500);
        Path first = file("audit.jsonl.2026-11-21.0", 100);
        Path second = file("audit.jsonl.2026-11-21.1", 100);
        Path third = file("audit.jsonl.2026-11-22.0", 100);
        Path tenth = file("audit.jsonl.2026-11-22.10", 100);
        List<Path> deleted = new AuditRetention(live, 30, 250).apply(TODAY);
        assertEquals(List.of(first, second), deleted, "oldest first, index 10 after index 0");
        assertTrue(Files.exists(third) && Files.exists(tenth) && Files.exists(live));
    }
}
