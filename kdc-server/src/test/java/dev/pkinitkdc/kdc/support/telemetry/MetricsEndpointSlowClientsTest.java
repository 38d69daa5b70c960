package dev.pkinitkdc.kdc.support.telemetry;

import static org.awaitility.Awaitility.await;

import dev.pkinitkdc.conf.AuditSettings;
import dev.pkinitkdc.conf.MetricsSettings;
import dev.pkinitkdc.kdc.support.http.SlowHttpClients;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a stranger who reaches the metrics port does to it (issue 21): two requests half sent and one dripping a
 * byte every 200 ms must not keep Prometheus from scraping, and are closed at the deadline; a body is refused.
 */
class MetricsEndpointSlowClientsTest {
    private static final Duration CLOSED_WITHIN = MetricsEndpoint.LIMITS.requestDeadline().plusSeconds(5);
    private static final Duration PROMPTLY = Duration.ofSeconds(4);

    private KdcTelemetry telemetry;
    private MetricsEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        telemetry = KdcTelemetry.start(AuditSettings.diagnosticLog(),
                new MetricsSettings(Optional.of("127.0.0.1"), 0, "/metrics"));
        endpoint = telemetry.endpoint().orElseThrow();
    }

    @AfterEach
    void stop() {
        telemetry.close();
    }

    private boolean scraped() throws Exception {
        return KdcMetricsTest.get(endpoint.url(), PROMPTLY).body().contains("process_start_time_seconds");
    }

    @Test
    void twoHalfSentRequestsAndADripStallNoScrapeAndAreClosedAtTheDeadline() throws Exception {
        try (SlowHttpClients slow = new SlowHttpClients(endpoint.address())) {
            slow.half("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nAcce");
            slow.half("POST /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n01");
            slow.drip("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: " + "x".repeat(100) + "\r\n\r\n");

            await("a scrape while three clients stall").atMost(PROMPTLY).until(this::scraped);

            slow.awaitStalledClosedByServer(CLOSED_WITHIN);
        }
    }

    @Test
    void aRequestWithABodyGets413AndTheBodyIsNotRead() throws Exception {
        try (SlowHttpClients clients = new SlowHttpClients(endpoint.address())) {
            clients.awaitTooLargeRefused("POST /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n", CLOSED_WITHIN);
        }
        await().atMost(PROMPTLY).until(this::scraped);
    }
}
