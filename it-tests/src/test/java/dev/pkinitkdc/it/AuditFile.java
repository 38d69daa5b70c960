package dev.pkinitkdc.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The lab KDC's JSON audit log ({@code DIR/log/audit.jsonl}, {@code [audit] file}) as a test reads it: the lines
 * written since this was made, each parsed with Jackson. The KDC writes a request's line before it sends the reply,
 * so a client that has its answer finds the line here.
 *
 * <p>The KDC rolls the file daily (at midnight) and at {@code max_file_size} into {@code audit.jsonl.YYYY-MM-DD.N}
 * beside it, by renaming it. So the lines since this was made are followed across rolls: those of the live file of
 * then (which may be a rolled file now), of every file rolled since, and of the live file now, in that order.
 */
final class AuditFile implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many times a read is retried when a roll happens while it reads. */
    private static final int READ_ATTEMPTS = 10;

    private final Path file;
    private final Pattern rolledName;
    /** The rolled files there were when this was made: none of their lines is this test's. */
    private final Set<Path> rolledBefore;
    /** How many lines the live file had when this was made: the first lines of the files rolled since. */
    private final int skip;

    /** @param labDir the lab folder; lines already in its audit log are not this test's */
    AuditFile(Path labDir) {
        this.file = labDir.resolve("log/audit.jsonl");
        this.rolledName = Pattern.compile(Pattern.quote(file.getFileName().toString())
                + "\\.(\\d{4}-\\d\\d-\\d\\d)\\.(\\d+)");
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            Set<Path> rolled = Set.copyOf(rolled(Set.of()));
            Snapshot live = snapshot(rolled);
            if (live.rolled().isEmpty()) {   // the live file alone, not rolled while it was counted
                this.rolledBefore = rolled;
                this.skip = live.lines().size();
                return;
            }
        }
        throw new AssertionError("the audit log " + file + " rolled during each of " + READ_ATTEMPTS + " reads");
    }

    Path file() {
        return file;
    }

    /** The files rolled since this was made, oldest first, then the live file; and their lines in that order. */
    private record Snapshot(List<Path> rolled, List<String> lines) {
    }

    private Snapshot snapshot(Set<Path> ignored) {
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            List<Path> rolled = rolled(ignored);
            List<String> lines = new ArrayList<>();
            try {
                for (Path f : rolled) {
                    lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
                }
                if (Files.exists(file)) {
                    lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
                }
            } catch (NoSuchFileException e) {
                continue;   // renamed by a roll, or deleted by retention, while read: read again
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (rolled.equals(rolled(ignored))) {   // no roll while reading: nothing missed nor read twice
                return new Snapshot(rolled, lines);
            }
        }
        throw new AssertionError("the audit log " + file + " rolled during each of " + READ_ATTEMPTS + " reads");
    }

    /** The rolled files beside the live one, but {@code ignored}, in the order they were rolled (day, then N). */
    private List<Path> rolled(Set<Path> ignored) {
        Path folder = file.getParent();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> rolledName.matcher(f.getFileName().toString()).matches())
                    .filter(f -> !ignored.contains(f))
                    .sorted(Comparator.comparing((Path f) -> group(f, 1))
                            .thenComparingLong(f -> Long.parseLong(group(f, 2))))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String group(Path rolled, int group) {
        Matcher m = rolledName.matcher(rolled.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(rolled.toString());
        }
        return m.group(group);
    }

    /** The lines written since this was made, across rolls, unparsed. */
    List<String> rawLines() {
        List<String> lines = snapshot(rolledBefore).lines();
        return lines.subList(Math.min(skip, lines.size()), lines.size());
    }

    /** The lines written since this was made, parsed; a line that is not one JSON object fails the test. */
    List<JsonNode> records() {
        List<JsonNode> out = new ArrayList<>();
        for (String line : rawLines()) {
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
        // nothing held: the files are read on each call
    }
}
