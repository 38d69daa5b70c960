package dev.pkinitkdc.kdc;

import dev.pkinitkdc.revocation.RevocationCounters;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * What a {@link KdcRuntime} creates once and every assembly of its policy parts shares, so it survives a reload:
 * the worker pool, the clock and the counters metrics read. A new long-lived object is a new component here.
 */
public record LastingParts(Executor workers, Clock clock, RevocationCounters revocationCounters) {
}
