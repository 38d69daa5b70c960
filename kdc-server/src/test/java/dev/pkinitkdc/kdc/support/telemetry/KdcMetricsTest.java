package dev.pkinitkdc.kdc.support.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.conf.AuditSettings;
import dev.pkinitkdc.conf.MetricsSettings;
import dev.pkinitkdc.mapping.ldap.ConnectionPoolState;
import dev.pkinitkdc.revocation.RevocationCounters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The metrics endpoint, scraped over HTTP: request counts, the histogram, live parts read at scrape time. */
class KdcMetricsTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static HttpResponse<String> get(URI url) throws Exception {
        return get(url, Duration.ofSeconds(10));
    }

    static HttpResponse<String> get(URI url, Duration timeout) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the sample line that starts with {@code series} (name and labels as exposed). */
    static double sample(String body, String series) {
        return body.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no " + series + " in\n" + body));
    }

    @Test
    void scrapedOnItsPathWithRequestsHistogramAndLiveParts() throws Exception {
        MetricsSettings settings = new MetricsSettings(Optional.of("127.0.0.1"), 0, "/kdc-metrics");
        try (KdcTelemetry telemetry = KdcTelemetry.start(AuditSettings.diagnosticLog(), settings)) {
            KdcMetrics metrics = telemetry.metrics();
            RevocationCounters first = new RevocationCounters();
            CacheCounts validation = new CacheCounts();
            metrics.observe(new MetricSources(first, validation,
                    () -> Optional.of(new ConnectionPoolState(1, 2, 8)), Optional::empty));
            metrics.request(0, Duration.ofMillis(3));
            metrics.request(0, Duration.ofMillis(30));
            metrics.request(72, Duration.ofMillis(2));
            first.ocspCacheHits.add(5);
            first.ocspGraceUses.incrementAndGet();
            validation.hit();
            validation.miss();
            metrics.lookaside().hit();
            metrics.transport().shed(TransportCounts.Shed.SOURCE_BUSY);
            metrics.transport().refused(TransportCounts.Refusal.UDP_NOT_KERBEROS);
            metrics.transport().refused(TransportCounts.Refusal.UDP_NOT_KERBEROS);

            URI url = telemetry.endpoint().orElseThrow().url();
            assertEquals("127.0.0.1", url.getHost());
            assertEquals("/kdc-metrics", url.getPath());
            HttpResponse<String> response = get(url);
            assertEquals(200, response.statusCode());
            String body = response.body();
            assertEquals(2, sample(body, "pkinit_kdc_requests_total{code=\"0\",result=\"ok\"}"));
            assertEquals(1, sample(body, "pkinit_kdc_requests_total{code=\"72\",result=\"refused\"}"));
            assertEquals(3, sample(body, "pkinit_kdc_request_duration_seconds_count"));
            assertEquals(2, sample(body, "pkinit_kdc_request_duration_seconds_bucket{le=\"0.005\"}"));
            assertEquals(3, sample(body, "pkinit_kdc_request_duration_seconds_bucket{le=\"+Inf\"}"));
            assertEquals(5, sample(body, "pkinit_kdc_cache_hits_total{cache=\"ocsp\"}"));
            assertEquals(1, sample(body, "pkinit_kdc_cache_hits_total{cache=\"validation\"}"));
            assertEquals(1, sample(body, "pkinit_kdc_cache_misses_total{cache=\"validation\"}"));
            assertEquals(1, sample(body, "pkinit_kdc_cache_hits_total{cache=\"lookaside\"}"));
            assertEquals(1, sample(body, "pkinit_kdc_revocation_grace_uses_total{source=\"ocsp\"}"));
            assertEquals(1, sample(body, "pkinit_kdc_requests_shed_total{reason=\"source_busy\"}"));
            assertEquals(0, sample(body, "pkinit_kdc_requests_shed_total{reason=\"queue_full\"}"));
            assertEquals(2, sample(body,
                    "pkinit_kdc_transport_refused_total{reason=\"not_kerberos\",transport=\"udp\"}"));
            assertEquals(0, sample(body,
                    "pkinit_kdc_transport_refused_total{reason=\"frame_deadline\",transport=\"tcp\"}"));
            assertEquals(1, sample(body, "pkinit_kdc_directory_pool_connections{state=\"active\"}"));
            assertEquals(2, sample(body, "pkinit_kdc_directory_pool_connections{state=\"idle\"}"));
            assertEquals(8, sample(body, "pkinit_kdc_directory_pool_connections{state=\"max\"}"));
            assertTrue(sample(body, "process_start_time_seconds") > 0, "process basics");
            assertTrue(sample(body, "jvm_threads_current") > 0, "JVM basics");

            RevocationCounters second = new RevocationCounters();
            metrics.observe(new MetricSources(second, new CacheCounts(), Optional::empty, Optional::empty));
            second.ocspCacheHits.add(2);
            String afterReload = get(url).body();
            assertEquals(7, sample(afterReload, "pkinit_kdc_cache_hits_total{cache=\"ocsp\"}"),
                    "a reload's new caches add to the counts, never reset them");
            assertEquals(1, sample(afterReload, "pkinit_kdc_cache_hits_total{cache=\"validation\"}"));
            assertTrue(afterReload.lines().noneMatch(l -> l.startsWith("pkinit_kdc_directory_pool_connections{")),
                    "no directory, no pool series");

            metrics.observe(new MetricSources(second, new CacheCounts(), Optional::empty, Optional::empty));
            assertEquals(7, sample(get(url).body(), "pkinit_kdc_cache_hits_total{cache=\"ocsp\"}"),
                    "counters the new assembly shares are not carried over as well");

            assertEquals(404, get(url.resolve("/metrics")).statusCode(), "only the configured path");
        }
    }
}
