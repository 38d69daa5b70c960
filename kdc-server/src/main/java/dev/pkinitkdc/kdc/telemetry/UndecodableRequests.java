package dev.pkinitkdc.kdc.telemetry;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Requests refused at the decode stage (not an AS-REQ, bad DER, another realm or service: anyone can send them
 * without a key or a certificate) are noise an attacker can make at line rate. All are counted; only the first
 * {@link #IN_FULL_PER_WINDOW} of each minute get their log line and audit line, the others are summarised once the
 * minute is over ("N undecodable requests from M sources suppressed"), so a flood of garbage adds at most a few
 * lines a minute to the diagnostic log and the audit files and cannot roll real logons out of the files that
 * {@code max_history} and {@code total_size_cap} keep.
 */
public final class UndecodableRequests {
    /** Log and audit lines in full per window, as MIT's and Windows' KDCs log a few and then summarise. */
    static final int IN_FULL_PER_WINDOW = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Distinct sources remembered per window; beyond it the summary says "at least". */
    static final int MAX_SOURCES = 4096;

    /** What a closed window suppressed. */
    public record Summary(Instant from, Instant to, long suppressed, int sources, boolean sourcesCapped) {
        public String sentence() {
            return suppressed + " undecodable requests from " + (sourcesCapped ? "at least " : "") + sources
                    + " sources suppressed between " + from + " and " + to + " (the first " + IN_FULL_PER_WINDOW
                    + " of each minute are logged in full)";
        }
    }

    private final Clock clock;
    private final Counter total;
    private final Counter suppressedTotal;
    private final Set<InetAddress> sources = new HashSet<>();
    private Instant windowStart;
    private int inFull;
    private long suppressed;
    private boolean sourcesCapped;

    UndecodableRequests(Clock clock, PrometheusRegistry registry) {
        this.clock = clock;
        this.windowStart = clock.instant();
        total = Counter.builder().name("pkinit_kdc_undecodable_requests")
                .help("requests refused at the decode stage (not an AS-REQ, bad DER, another realm or service)")
                .withoutExemplars().register(registry);
        suppressedTotal = Counter.builder().name("pkinit_kdc_undecodable_requests_suppressed")
                .help("undecodable requests beyond the first of each minute: counted and summarised, without a log "
                        + "or audit line each").withoutExemplars().register(registry);
    }

    /**
     * One undecodable request.
     *
     * @param source the sender, or null when unknown
     * @return whether it gets its own log and audit line; and the summary of the window this request closed, if any
     */
    public synchronized Admission admit(InetAddress source) {
        Optional<Summary> closed = closeIfOver();
        total.inc();
        if (inFull < IN_FULL_PER_WINDOW) {
            inFull++;
            return new Admission(true, closed);
        }
        suppressed++;
        suppressedTotal.inc();
        if (source != null && !sources.contains(source)) {
            if (sources.size() < MAX_SOURCES) {
                sources.add(source);
            } else {
                sourcesCapped = true;
            }
        }
        return new Admission(false, closed);
    }

    /** The summary of the current window if it is over (called by a timer, so a flood that stopped is reported). */
    public synchronized Optional<Summary> closeIfOver() {
        Instant now = clock.instant();
        if (Duration.between(windowStart, now).compareTo(WINDOW) < 0) {
            return Optional.empty();
        }
        Optional<Summary> summary = suppressed == 0 ? Optional.empty()
                : Optional.of(new Summary(windowStart, now, suppressed, sources.size(), sourcesCapped));
        windowStart = now;
        inFull = 0;
        suppressed = 0;
        sources.clear();
        sourcesCapped = false;
        return summary;
    }

    /** @param inFull whether the request gets its own log and audit line */
    public record Admission(boolean inFull, Optional<Summary> closed) {
    }
}
