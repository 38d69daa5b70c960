package dev.pkinitkdc.kdc.telemetry;

import dev.pkinitkdc.conf.AuditSettings;
import dev.pkinitkdc.conf.MetricsSettings;
import dev.pkinitkdc.kdc.request.AuditRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the KDC tells operators about its requests: the audit log, the metrics and their endpoint. Made once per
 * running KDC, before the pipeline is assembled, and handed to each assembly, so a reload keeps the audit file,
 * the endpoint and the counts.
 */
public final class KdcTelemetry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KdcTelemetry.class);

    private final AuditLog audit;
    private final KdcMetrics metrics;
    private final Optional<MetricsEndpoint> endpoint;

    private KdcTelemetry(AuditLog audit, KdcMetrics metrics, Optional<MetricsEndpoint> endpoint) {
        this.audit = audit;
        this.metrics = metrics;
        this.endpoint = endpoint;
    }

    public static KdcTelemetry start(AuditSettings auditSettings, MetricsSettings metricsSettings)
            throws IOException {
        AuditLog audit = AuditLog.open(auditSettings);
        KdcMetrics metrics = new KdcMetrics();
        try {
            Optional<MetricsEndpoint> endpoint = metricsSettings.enabled()
                    ? Optional.of(MetricsEndpoint.start(metricsSettings, metrics.registry())) : Optional.empty();
            endpoint.ifPresent(e -> LOG.info("metrics: {}", e.url()));
            return new KdcTelemetry(audit, metrics, endpoint);
        } catch (IOException | RuntimeException e) {
            audit.close();
            throw e;
        }
    }

    /** Audit lines to the diagnostic log, metrics counted but not served (benchmarks, tests). */
    public static KdcTelemetry unserved() {
        return new KdcTelemetry(AuditLog.diagnostic(), new KdcMetrics(), Optional.empty());
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

    public KdcMetrics metrics() {
        return metrics;
    }

    public Optional<MetricsEndpoint> endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        endpoint.ifPresent(MetricsEndpoint::close);
        audit.close();
    }
}
