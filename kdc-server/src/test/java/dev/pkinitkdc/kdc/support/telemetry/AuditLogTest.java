package dev.pkinitkdc.kdc.support.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pkinitkdc.conf.AuditSettings;
import dev.pkinitkdc.kdc.request.AuditFacts;
import dev.pkinitkdc.kdc.request.AuditRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code [audit] file}: only the file gets the lines, and it rolls into dated files at max_file_size. */
class AuditLogTest {
    @TempDir
    Path dir;

    /** Line {@code i}: numbered by its latency_ms, padded by its realm. */
    private static AuditRecord record(int i) {
        return AuditRecord.empty().with(new AuditFacts.Decoded("user" + i, "x".repeat(100), null, null))
                .with(new AuditFacts.Timing(i));
    }

    @Test
    void aFileGetsEveryLineAndTheDiagnosticLogNone() throws Exception {
        Logger audit = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);
        ListAppender<ILoggingEvent> diagnostic = new ListAppender<>();
        diagnostic.start();
        audit.addAppender(diagnostic);
        Path file = dir.resolve("log/audit.jsonl");
        try (AuditLog log = AuditLog.open(new AuditSettings(Optional.of(file), 1L << 20, 30, 1L << 30))) {
            for (int i = 0; i < 3; i++) {
                log.write(record(i));
            }
        } finally {
            audit.detachAppender(diagnostic);
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(i, new ObjectMapper().readTree(lines.get(i)).get("latency_ms").asInt());
        }
        assertEquals(List.of(), diagnostic.list, "the diagnostic log gets no audit line when a file is set");
    }

    @Test
    void withoutAFileTheLinesGoToTheDiagnosticLogger() {
        Logger audit = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);
        ListAppender<ILoggingEvent> diagnostic = new ListAppender<>();
        diagnostic.start();
        audit.addAppender(diagnostic);
        try {
            AuditLog.diagnostic().write(record(7));
        } finally {
            audit.detachAppender(diagnostic);
        }
        assertEquals(1, diagnostic.list.size());
        assertEquals(AuditJson.line(record(7)), diagnostic.list.get(0).getFormattedMessage());
    }

    @Test
    void rollsIntoDatedFilesAtMaxFileSizeAndLosesNoLine() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        int lines = 200;
        try (AuditLog log = AuditLog.open(new AuditSettings(Optional.of(file), 2048, 30, 1L << 30))) {
            for (int i = 0; i < lines; i++) {
                log.write(record(i));
            }
        }
        assertTrue(rolled(file).size() >= 5, "about 26 KB in 2 KiB files: " + rolled(file));
        assertEquals(lines, linesIn(file), "no line lost in the rolled files");
    }

    private List<Path> rolled(Path file) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString()
                    .matches(Pattern.quote(file.getFileName().toString()) + "\\.\\d{4}-\\d\\d-\\d\\d\\.\\d+"))
                    .toList();
        }
    }

    /** Lines in the live file and in every rolled file. */
    private long linesIn(Path file) throws IOException {
        long total = Files.readAllLines(file).size();
        for (Path gz : rolled(file)) {
            total += Files.readAllLines(gz).size();
        }
        return total;
    }

    @Test
    void anUnwritableFileIsAnErrorNamingIt() throws IOException {
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "x");
        Path file = blocker.resolve("audit.jsonl");
        IOException e = assertThrows(IOException.class,
                () -> AuditLog.open(new AuditSettings(Optional.of(file), 1L << 20, 30, 1L << 30)));
        assertTrue(e.getMessage().startsWith("[audit] file " + file), e.getMessage());
    }
}
