package dev.pkinitkdc.kdc.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * At most one INFO line per interval for events an attacker can repeat at will (shed requests, refused
 * connections): the lines not written are counted, and the next line written says how many there were.
 */
public final class ThrottledLog {
    private final Logger log;
    private final long intervalNanos;
    /** System.nanoTime() from which the next line may be written; guarded by compare-and-set. */
    private final AtomicLong nextLine;
    private final LongAdder skipped = new LongAdder();

    public ThrottledLog(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.nextLine = new AtomicLong(System.nanoTime());
    }

    /** Logs {@code format} (SLF4J placeholders) unless a line was written less than the interval ago. */
    public void info(String format, Object... args) {
        long now = System.nanoTime();
        long due = nextLine.get();
        if (now - due < 0 || !nextLine.compareAndSet(due, now + intervalNanos)) {
            skipped.increment();
            return;
        }
        long before = skipped.sumThenReset();
        if (log.isInfoEnabled()) {
            log.info(before == 0 ? format : format + " (" + before + " more like it not logged)", args);
        }
    }
}
