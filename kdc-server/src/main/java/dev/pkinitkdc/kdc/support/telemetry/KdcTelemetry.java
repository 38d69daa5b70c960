package dev.pkinitkdc.kdc.support.telemetry;

import dev.pkinitkdc.conf.AuditSettings;
import dev.pkinitkdc.conf.MetricsSettings;
import dev.pkinitkdc.kdc.request.AuditFacts;
import dev.pkinitkdc.kdc.request.AuditRecord;
import dev.pkinitkdc.kdc.support.DaemonThreads;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the KDC tells operators about its requests: the audit log, the metrics and their endpoint. Made once per
 * running KDC, before the AS-REQ processor is assembled, and handed to each assembly, so a reload keeps the audit file,
 * the endpoint and the counts.
 */
public final class KdcTelemetry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KdcTelemetry.class);

    /** How often a window of noisy refusals that no request closed is checked for its summary. */
    private static final Duration NOISE_CHECK = Duration.ofSeconds(10);

    private final AuditLog audit;
    private final KdcMetrics metrics;
    private final Optional<MetricsEndpoint> endpoint;
    private final Map<NoisyRefusals.Kind, NoisyRefusals> noise = new EnumMap<>(NoisyRefusals.Kind.class);
    private final ScheduledExecutorService noiseTimer;

    private KdcTelemetry(AuditLog audit, KdcMetrics metrics, Optional<MetricsEndpoint> endpoint, Clock clock,
                         boolean timer) {
        this.audit = audit;
        this.metrics = metrics;
        this.endpoint = endpoint;
        for (NoisyRefusals.Kind kind : NoisyRefusals.Kind.values()) {
            noise.put(kind, new NoisyRefusals(kind, clock, metrics.registry()));
        }
        this.noiseTimer = timer ? Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("kdc-noise-summary"))
                : null;
        if (timer) {
            noiseTimer.scheduleWithFixedDelay(() -> noise.values().forEach(n -> n.closeIfOver().ifPresent(
                            this::summarised)),
                    NOISE_CHECK.toMillis(), NOISE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public static KdcTelemetry start(AuditSettings auditSettings, MetricsSettings metricsSettings)
            throws IOException {
        AuditLog audit = AuditLog.open(auditSettings);
        KdcMetrics metrics = new KdcMetrics();
        try {
            Optional<MetricsEndpoint> endpoint = metricsSettings.enabled()
                    ? Optional.of(MetricsEndpoint.start(metricsSettings, metrics.registry())) : Optional.empty();
            endpoint.ifPresent(e -> LOG.info("metrics: {}", e.url()));
            return new KdcTelemetry(audit, metrics, endpoint, Clock.systemUTC(), true);
        } catch (IOException | RuntimeException e) {
            audit.close();
            throw e;
        }
    }

    /** Audit lines to the diagnostic log, metrics counted but not served (benchmarks, tests). */
    public static KdcTelemetry unserved() {
        return unserved(AuditLog.diagnostic(), Clock.systemUTC());
    }

    /** As {@link #unserved()}, to {@code audit}, with the summaries of noisy refusals on {@code clock}. */
    static KdcTelemetry unserved(AuditLog audit, Clock clock) {
        return new KdcTelemetry(audit, new KdcMetrics(), Optional.empty(), clock, false);
    }

    /**
     * One answered AS-REQ: its audit line (the record with the result already in it) and its metrics.
     *
     * @param code 0 for an AS-REP, else the KRB-ERROR number
     */
    public void answered(AuditRecord record, int code, Duration latency) {
        metrics.request(code, latency);
        audit.write(record);
    }

    /**
     * A refusal anyone can cause without a trusted card ({@link NoisyRefusals}): counted, and told whether it gets
     * its own log and audit line ({@link #answered}) or only its metrics ({@link #counted}).
     *
     * @param source the sender, or null when unknown
     */
    public boolean inFull(NoisyRefusals.Kind kind, InetAddress source) {
        NoisyRefusals.Admission admission = noise.get(kind).admit(source);
        admission.closed().ifPresent(this::summarised);
        return admission.inFull();
    }

    /** The metrics of an answer without its audit line (a suppressed noisy refusal). */
    public void counted(int code, Duration latency) {
        metrics.request(code, latency);
    }

    /**
     * A retransmission answered from the lookaside cache: its metrics, and its audit line when {@link #inFull}
     * gave it one (else {@code record} is empty).
     *
     * @param code the KRB-ERROR number of the reply sent again, 0 for an AS-REP
     */
    public void replayed(Optional<AuditRecord> record, int code, Duration latency) {
        metrics.replayed(code, latency);
        record.ifPresent(audit::write);
    }

    /** One log line and one audit line for a window of suppressed refusals. */
    private void summarised(NoisyRefusals.Summary summary) {
        LOG.warn("{}", summary.sentence());
        audit.write(AuditRecord.empty().with(AuditFacts.Suppressed.of(summary.to(), summary.kind().refusedAt,
                summary.suppressed(), summary.sources(), summary.from())));
    }

    public KdcMetrics metrics() {
        return metrics;
    }

    public Optional<MetricsEndpoint> endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        if (noiseTimer != null) {
            noiseTimer.shutdownNow();
        }
        endpoint.ifPresent(MetricsEndpoint::close);
        audit.close();
    }
}
