package dev.pkinitkdc.kdc.tool.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts every reply (for the progress line) and, for those completed inside the measured window, their latency
 * in microseconds (HdrHistogram, 3 significant digits) and outcome: "ok" or the KRB-ERROR code or failure name.
 */
final class BenchStats {
    static final String OK = "ok";

    private final Recorder latencies = new Recorder(3);
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final LongAdder tcpRetries = new LongAdder();
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    void window(long startNanos, long endNanos) {
        windowStart = startNanos;
        windowEnd = endNanos;
    }

    void tcpRetry() {
        tcpRetries.increment();
    }

    /** One reply (or failure) that arrived at {@code doneNanos} for a request sent, or due, at {@code sentNanos}. */
    void record(long sentNanos, long doneNanos, String outcome) {
        completed.incrementAndGet();
        if (!OK.equals(outcome)) {
            failed.incrementAndGet();
        }
        if (doneNanos - windowStart >= 0 && doneNanos - windowEnd < 0) {
            latencies.recordValue(Math.max(1, (doneNanos - sentNanos) / 1000));
            outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
        }
    }

    long completed() {
        return completed.get();
    }

    long failed() {
        return failed.get();
    }

    long tcpRetries() {
        return tcpRetries.sum();
    }

    /** Latencies of the window so far (microseconds). */
    Histogram latencies() {
        return latencies.getIntervalHistogram();
    }

    /** Outcomes in the window, by name: "ok", "75", "timeout", ... */
    Map<String, Long> outcomes() {
        Map<String, Long> out = new TreeMap<>();
        outcomes.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
