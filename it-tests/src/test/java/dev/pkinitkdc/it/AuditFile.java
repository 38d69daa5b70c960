package dev.pkinitkdc.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The lab KDC's JSON audit log ({@code DIR/log/audit.jsonl}, {@code [audit] file}) as a test reads it: the lines
 * written since this was made, each parsed with Jackson. The KDC writes a request's line before it sends the reply,
 * so a client that has its answer finds the line here.
 */
final class AuditFile implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final int skip;

    /** @param labDir the lab folder; lines already in its audit log are not this test's */
    AuditFile(Path labDir) {
        this.file = labDir.resolve("log/audit.jsonl");
        this.skip = Files.exists(file) ? rawLines().size() : 0;
    }

    Path file() {
        return file;
    }

    List<String> rawLines() {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines written since this was made, parsed; a line that is not one JSON object fails the test. */
    List<JsonNode> records() {
        List<String> lines = rawLines();
        List<JsonNode> out = new ArrayList<>();
        for (String line : lines.subList(Math.min(skip, lines.size()), lines.size())) {
            try {
                JsonNode node = JSON.readTree(line);
                if (!node.isObject()) {
                    throw new AssertionError("audit line is not a JSON object: " + line);
                }
                out.add(node);
            } catch (IOException e) {
                throw new AssertionError("audit line is not JSON: " + line, e);
            }
        }
        return out;
    }

    /** The last record matching {@code which}. */
    JsonNode last(String what, Predicate<JsonNode> which) {
        List<JsonNode> records = records();
        for (int i = records.size() - 1; i >= 0; i--) {
            if (which.test(records.get(i))) {
                return records.get(i);
            }
        }
        throw new AssertionError("no audit line " + what + " in " + records);
    }

    /** The last logon that got a ticket. */
    JsonNode lastOk() {
        return last("with result ok", r -> r.path("result").asText().equals("ok"));
    }

    /** The last refusal with this KRB-ERROR code. */
    JsonNode lastRefused(int code) {
        return last("refused with " + code, r -> r.path("result").asText().equals("refused")
                && r.path("error_code").asInt() == code);
    }

    /** The last request that got as far as a revocation decision. */
    JsonNode lastWithRevocation() {
        return last("with a revocation decision", r -> r.has("revocation") && r.path("revocation").has("decided_by"));
    }

    @Override
    public void close() {
        // nothing held: the file is read on each call
    }
}
