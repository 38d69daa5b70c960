package dev.pkinitkdc.kdc.support.telemetry;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Refusals anyone can make the KDC write at line rate, without a trusted card: requests that do not decode, and
 * requests refused before the client's certificate was validated (PREAUTH_REQUIRED, a bad signature, an untrusted
 * certificate). All are counted; only the first of each minute, in all and from one source, get their log line
 * and audit line, the others are summarised once the minute is over ("N ... from M sources suppressed"), so a
 * flood adds a bounded number of lines a minute to the diagnostic log and the audit files and cannot roll real
 * logons (which are never suppressed) out of the files that {@code max_history} and {@code total_size_cap} keep.
 */
public final class NoisyRefusals {
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Distinct sources remembered per window; beyond it the summary says "at least". */
    static final int MAX_SOURCES = 4096;

    /** The kinds of noise, with their budgets of lines in full per window. */
    public enum Kind {
        /** Not an AS-REQ, bad DER, another realm or service: a handful a minute says what there is to say. */
        UNDECODABLE("undecodable requests", "decode", "pkinit_kdc_undecodable_requests",
                "requests refused at the decode stage (not an AS-REQ, bad DER, another realm or service)", 10, 10),
        /**
         * Refused at pre-authentication or path validation: every logon starts with a PREAUTH_REQUIRED, so a
         * source gets a minute's worth of ordinary logons in full (60), and all sources together 600.
         */
        UNAUTHENTICATED("refusals before the client's certificate was validated", "before_validation",
                "pkinit_kdc_unauthenticated_refusals",
                "requests refused before the client's certificate was validated (PREAUTH_REQUIRED, signature, path)",
                600, 60),
        /**
         * Retransmissions answered from the lookaside cache: anyone can resend bytes they saw (or sent) at line
         * rate, and each would otherwise cost an audit line. Budgets as for refusals before validation, since every
         * PKINIT logon over UDP leaves one (its TCP retry after KRB_ERR_RESPONSE_TOO_BIG).
         */
        LOOKASIDE("retransmissions answered from the lookaside cache", "lookaside", "pkinit_kdc_lookaside_answers",
                "retransmitted requests answered with the reply of their first copy from the lookaside cache",
                600, 60);

        final String what;
        final String refusedAt;
        final String metric;
        final String help;
        final int inFullPerWindow;
        final int inFullPerSource;

        Kind(String what, String refusedAt, String metric, String help, int inFullPerWindow, int inFullPerSource) {
            this.what = what;
            this.refusedAt = refusedAt;
            this.metric = metric;
            this.help = help;
            this.inFullPerWindow = inFullPerWindow;
            this.inFullPerSource = inFullPerSource;
        }
    }

    /** What a closed window suppressed. */
    public record Summary(Kind kind, Instant from, Instant to, long suppressed, int sources, boolean sourcesCapped) {
        public String sentence() {
            return suppressed + " " + kind.what + " from " + (sourcesCapped ? "at least " : "") + sources
                    + " sources suppressed between " + from + " and " + to + " (the first " + kind.inFullPerWindow
                    + " of each minute, " + kind.inFullPerSource + " from one source, are logged in full)";
        }
    }

    private final Kind kind;
    private final Clock clock;
    private final Counter total;
    private final Counter suppressedTotal;
    private final Map<InetAddress, Integer> inFullBySource = new HashMap<>();
    private final Set<InetAddress> sources = new HashSet<>();
    private Instant windowStart;
    private int inFull;
    private long suppressed;
    private boolean sourcesCapped;

    NoisyRefusals(Kind kind, Clock clock, PrometheusRegistry registry) {
        this.kind = kind;
        this.clock = clock;
        this.windowStart = clock.instant();
        total = Counter.builder().name(kind.metric).help(kind.help).withoutExemplars().register(registry);
        suppressedTotal = Counter.builder().name(kind.metric + "_suppressed")
                .help(kind.what + " beyond the first of each minute: counted and summarised, without a log or audit "
                        + "line each").withoutExemplars().register(registry);
    }

    /**
     * One such refusal.
     *
     * @param source the sender, or null when unknown
     * @return whether it gets its own log and audit line; and the summary of the window this request closed, if any
     */
    public synchronized Admission admit(InetAddress source) {
        Optional<Summary> closed = closeIfOver();
        total.inc();
        if (inFull < kind.inFullPerWindow && withinSourceBudget(source)) {
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

    /** Counts one more line in full for {@code source}; a source past the remembered ones has no budget left. */
    private boolean withinSourceBudget(InetAddress source) {
        Integer used = inFullBySource.get(source);
        if (used == null && inFullBySource.size() >= MAX_SOURCES) {
            return false;
        }
        int next = used == null ? 1 : used + 1;
        if (next > kind.inFullPerSource) {
            return false;
        }
        inFullBySource.put(source, next);
        return true;
    }

    /** The summary of the current window if it is over (called by a timer, so a flood that stopped is reported). */
    public synchronized Optional<Summary> closeIfOver() {
        Instant now = clock.instant();
        if (Duration.between(windowStart, now).compareTo(WINDOW) < 0) {
            return Optional.empty();
        }
        Optional<Summary> summary = suppressed == 0 ? Optional.empty()
                : Optional.of(new Summary(kind, windowStart, now, suppressed, sources.size(), sourcesCapped));
        windowStart = now;
        inFull = 0;
        inFullBySource.clear();
        suppressed = 0;
        sources.clear();
        sourcesCapped = false;
        return summary;
    }

    /** @param inFull whether the request gets its own log and audit line */
    public record Admission(boolean inFull, Optional<Summary> closed) {
    }
}
