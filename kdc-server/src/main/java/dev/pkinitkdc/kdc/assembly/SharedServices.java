package dev.pkinitkdc.kdc.assembly;

import dev.pkinitkdc.kdc.support.telemetry.KdcTelemetry;
import dev.pkinitkdc.revocation.RevocationCounters;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * What a {@link KdcRuntime} creates once and every assembly of its policy parts shares, so it survives a reload:
 * the worker pool, the clock, the counters metrics read and the telemetry (audit log, metrics, their endpoint). A new
 * long-lived object is a new component here.
 */
public record SharedServices(Executor workers, Clock clock, RevocationCounters revocationCounters,
                           KdcTelemetry telemetry) {
}
