package dev.pkinitkdc.kdc.support.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * [audit] max_history and total_size_cap for the rolled files FILE.YYYY-MM-DD.N beside the audit file: files of
 * days older than max_history go, then the oldest until the rolled files fit in total_size_cap. The live file is
 * never touched.
 */
record AuditRetention(Path file, int maxHistoryDays, long totalSizeCap) {

    private record Rolled(Path path, LocalDate day, int index, long size) {
    }

    /** Applies the policy now (UTC days, as the roll names them); returns the files deleted. */
    List<Path> apply(LocalDate today) throws IOException {
        Pattern name = Pattern.compile(Pattern.quote(file.getFileName().toString())
                + "\\.(\\d{4}-\\d\\d-\\d\\d)\\.(\\d+)");
        List<Rolled> rolled = new ArrayList<>();
        Path folder = file.toAbsolutePath().getParent();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = name.matcher(f.getFileName().toString());
                if (m.matches()) {
                    rolled.add(new Rolled(f, LocalDate.parse(m.group(1)), Integer.parseInt(m.group(2)), Files.size(f)));
                }
            }
        }
        rolled.sort(Comparator.comparing(Rolled::day).thenComparingInt(Rolled::index));
        List<Path> deleted = new ArrayList<>();
        LocalDate oldestKept = today.minusDays(maxHistoryDays);
        long total = rolled.stream().mapToLong(Rolled::size).sum();
        for (Rolled r : rolled) {
            if (r.day().isBefore(oldestKept) || total > totalSizeCap) {
                Files.deleteIfExists(r.path());
                deleted.add(r.path());
                total -= r.size();
            }
        }
        return deleted;
    }

    List<Path> applyNow() throws IOException {
        return apply(LocalDate.now(ZoneOffset.UTC));
    }
}
