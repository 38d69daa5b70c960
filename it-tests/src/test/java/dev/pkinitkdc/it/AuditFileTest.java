package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pkinitkdc.conf.AuditSettings;
import dev.pkinitkdc.kdc.request.AuditFacts;
import dev.pkinitkdc.kdc.request.AuditRecord;
import dev.pkinitkdc.kdc.support.telemetry.AuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tests' view of the audit log follows the file across rolls. The KDC's own writer ({@link AuditLog}, as
 * {@code [audit]} configures it) rolls at a small {@code max_file_size} exactly as it does at midnight: it renames the
 * live file into {@code audit.jsonl.YYYY-MM-DD.N} and starts a new one.
 */
class AuditFileTest {
    /** About three of the lines below per file. */
    private static final long MAX_FILE_SIZE = 512;

    @TempDir
    Path dir;

    /** Line {@code n} of {@code phase}: the phase as its cname, numbered by its latency_ms, padded by its realm. */
    private static AuditRecord record(String phase, int n) {
        return AuditRecord.empty().with(new AuditFacts.Decoded(phase, "x".repeat(100), null, null))
                .with(new AuditFacts.Timing(n));
    }

    private Path live() {
        return dir.resolve("log/audit.jsonl");
    }

    private long rolledFiles() throws IOException {
        try (Stream<Path> files = Files.list(live().getParent())) {
            return files.filter(f -> f.getFileName().toString().matches("audit\\.jsonl\\.\\d{4}-\\d\\d-\\d\\d\\.\\d+"))
                    .count();
        }
    }

    @Test
    void theLinesSinceItWasMadeAreReadAcrossRollsInOrderAndNoneFromBefore() throws Exception {
        try (AuditLog log = AuditLog.open(new AuditSettings(Optional.of(live()), MAX_FILE_SIZE, 30, 1L << 30))) {
            for (int n = 0; n < 10; n++) {
                log.write(record("before", n));
            }
            long rolledBefore = rolledFiles();
            assertTrue(rolledBefore > 0, "the writer rolled before the view was made");
            AuditFile audit = new AuditFile(dir);
            assertEquals(List.of(), audit.records());

            for (int n = 0; n < 20; n++) {
                log.write(record("after", n));
            }
            assertTrue(rolledFiles() > rolledBefore, "the writer rolled after the view was made");
            List<JsonNode> records = audit.records();
            assertEquals(IntStream.range(0, 20).boxed().toList(),
                    records.stream().map(r -> r.path("latency_ms").asInt()).toList(), records::toString);
            assertTrue(records.stream().allMatch(r -> r.path("cname").asText().equals("after")), records::toString);
            assertEquals(19, audit.last("the last", r -> true).path("latency_ms").asInt());
        }
    }

    @Test
    void aRollRightAfterTheViewWasMadeKeepsTheLinesOfThen() throws Exception {
        try (AuditLog log = AuditLog.open(new AuditSettings(Optional.of(live()), MAX_FILE_SIZE, 30, 1L << 30))) {
            log.write(record("before", 0));
            AuditFile audit = new AuditFile(dir);   // the live file holds one line, and rolls with the next ones
            for (int n = 0; n < 5; n++) {
                log.write(record("after", n));
            }
            assertTrue(rolledFiles() > 0, "the writer rolled");
            assertEquals(IntStream.range(0, 5).boxed().toList(),
                    audit.records().stream().map(r -> r.path("latency_ms").asInt()).toList());
        }
    }
}
