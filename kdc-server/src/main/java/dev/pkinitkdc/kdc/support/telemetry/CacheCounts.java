package dev.pkinitkdc.kdc.support.telemetry;

import java.util.concurrent.atomic.LongAdder;

/** Look-ups of one cache that found what they asked for, and those that did not; cheap to count from any thread. */
public final class CacheCounts {
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public void hit() {
        hits.increment();
    }

    public void miss() {
        misses.increment();
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }
}
