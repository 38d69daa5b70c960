package dev.pkinitkdc.kdc.support.telemetry;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The KDC's Prometheus metrics, in a registry of their own (two KDCs in one process do not mix). Request counts
 * and latencies are recorded here; cache, revocation, directory pool and KDC certificate values are read at scrape
 * time from the {@link MetricSources} of the current assembly. A reload's new parts start counting from zero, so the
 * counts of the parts they replace are carried over and the exported counters never go down. The Prometheus
 * client's process and JVM basics (CPU seconds, start time, open files, heap, threads, GC) come with them.
 */
public final class KdcMetrics {
    /** 1 ms to 10 s: a cached logon takes a few ms, a directory or revocation timeout seconds. */
    static final double[] DURATION_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram duration;
    private final CacheCounts lookaside = new CacheCounts();
    private final TransportCounts transport = new TransportCounts();
    private final AtomicReference<MetricSources> live = new AtomicReference<>(MetricSources.NONE);
    private final Map<String, Long> carried = new ConcurrentHashMap<>();

    public KdcMetrics() {
        requests = Counter.builder().name("pkinit_kdc_requests")
                .help("AS-REQs answered, by result (ok, refused, lookaside: a retransmission answered with its first "
                        + "copy's reply) and code (the KRB-ERROR number, 0 for an AS-REP)")
                .labelNames("result", "code").withoutExemplars().register(registry);
        duration = Histogram.builder().name("pkinit_kdc_request_duration_seconds")
                .help("time from receiving an AS-REQ to its reply").classicOnly()
                .classicUpperBounds(DURATION_BUCKETS).withoutExemplars().register(registry);
        counted("pkinit_kdc_cache_hits", "cache look-ups that found a usable entry", "cache", "cache_hits",
                "ocsp", "crl", "validation", "lookaside");
        counted("pkinit_kdc_cache_misses", "cache look-ups that did not", "cache", "cache_misses",
                "ocsp", "crl", "validation", "lookaside");
        counted("pkinit_kdc_revocation_grace_uses", "expired OCSP responses or CRLs used within their grace period",
                "source", "grace", "ocsp", "crl");
        counted("pkinit_kdc_revocation_fetches", "OCSP requests sent and CRLs downloaded", "source", "fetches",
                "ocsp", "crl");
        counted("pkinit_kdc_revocation_fetch_failures", "OCSP requests and CRL downloads that failed", "source",
                "fetch_failures", "ocsp", "crl");
        counted("pkinit_kdc_revocation_undetermined_allowed",
                "logons allowed although the revocation status could not be established", "mode",
                "undetermined_allowed", "soft_fail", "cached_only");
        CounterWithCallback.builder().name("pkinit_kdc_requests_shed")
                .help("requests answered at once with KDC_ERR_SVC_UNAVAILABLE (29) instead of being queued: "
                        + "queue_full ([kdc] max_pending_requests), source_busy (max_pending_requests_per_source)")
                .labelNames("reason").callback(cb -> {
                    for (TransportCounts.Shed s : TransportCounts.Shed.values()) {
                        cb.call(transport.count(s), s.label);
                    }
                }).register(registry);
        CounterWithCallback.builder().name("pkinit_kdc_transport_refused")
                .help("datagrams dropped and TCP connections closed before any stage ran, by reason")
                .labelNames("transport", "reason").callback(cb -> {
                    for (TransportCounts.Refusal r : TransportCounts.Refusal.values()) {
                        cb.call(transport.count(r), r.transport.scheme(), r.reason);
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("pkinit_kdc_directory_pool_connections")
                .help("LDAP connections of the directory client: active (in use), idle, max (the pool size)")
                .labelNames("state").callback(cb -> live.get().directoryPool().get().ifPresent(p -> {
                    cb.call(p.active(), "active");
                    cb.call(p.idle(), "idle");
                    cb.call(p.max(), "max");
                })).register(registry);
        GaugeWithCallback.builder().name("pkinit_kdc_certificate_not_after_timestamp_seconds")
                .help("notAfter of the KDC certificate in use, seconds since the epoch")
                .callback(cb -> live.get().kdcCertificate().get()
                        .ifPresent(c -> cb.call(c.getNotAfter().getTime() / 1000.0)))
                .register(registry);
        ProcessMetrics.builder().register(registry);
        JvmMemoryMetrics.builder().register(registry);
        JvmThreadsMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
    }

    /** A counter family read from {@link #totals()}: one series per value of {@code label}. */
    private void counted(String name, String help, String label, String key, String... values) {
        CounterWithCallback.builder().name(name).help(help).labelNames(label).callback(cb -> {
            Map<String, Long> totals = totals();
            for (String value : values) {
                cb.call(totals.getOrDefault(key + "/" + value, 0L), value);
            }
        }).register(registry);
    }

    private Map<String, Long> totals() {
        Map<String, Long> totals = new java.util.HashMap<>(carried);
        live.get().counts().forEach((k, v) -> totals.merge(k, v, Long::sum));
        totals.put("cache_hits/lookaside", lookaside.hits());
        totals.put("cache_misses/lookaside", lookaside.misses());
        return totals;
    }

    /**
     * The parts metrics read from now on (after each assembly); the counts of replaced parts are kept, those of
     * parts the new assembly shares (the runtime's revocation counters) are not counted twice.
     */
    public synchronized void observe(MetricSources parts) {
        MetricSources previous = live.getAndSet(parts);
        previous.countsNotIn(parts).forEach((k, v) -> carried.merge(k, v, Long::sum));
    }

    /** One answered AS-REQ: {@code code} 0 for an AS-REP, else the KRB-ERROR number. */
    public void request(int code, Duration latency) {
        requests.labelValues(code == 0 ? "ok" : "refused", Integer.toString(code)).inc();
        duration.observe(latency.toNanos() / 1e9);
    }

    /** A retransmission answered from the lookaside cache with a reply of {@code code} (0 for an AS-REP). */
    public void replayed(int code, Duration latency) {
        requests.labelValues("lookaside", Integer.toString(code)).inc();
        duration.observe(latency.toNanos() / 1e9);
    }

    /** The lookaside cache's counts; the cache lives as long as the listeners, so this is made once. */
    public CacheCounts lookaside() {
        return lookaside;
    }

    /** What the listeners and the admission turned away; made once, as the listeners. */
    public TransportCounts transport() {
        return transport;
    }

    public PrometheusRegistry registry() {
        return registry;
    }
}
