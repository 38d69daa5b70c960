package dev.pkinitkdc.kdc.telemetry;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.conf.AuditSettings;
import dev.pkinitkdc.conf.MetricsSettings;
import dev.pkinitkdc.kdc.transport.SlowHttpClients;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
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
            List<Socket> stalled = new ArrayList<>();
            stalled.add(slow.half("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nAcce"));
            stalled.add(slow.half("POST /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n01"));
            AtomicInteger dripped = new AtomicInteger();
            String dripping = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: " + "x".repeat(100)
                    + "\r\n\r\n";
            stalled.add(slow.drip(dripping, dripped));

            await("a scrape while three clients stall").atMost(PROMPTLY).until(this::scraped);

            for (Socket s : stalled) {
                SlowHttpClients.awaitClosedByServer(s, CLOSED_WITHIN);
            }
            assertTrue(dripped.get() < dripping.length(), "the drip was cut before it finished: " + dripped);
        }
    }

    @Test
    void aRequestWithABodyGets413AndTheBodyIsNotRead() throws Exception {
        long announced = 100L * 1024 * 1024;
        try (SlowHttpClients clients = new SlowHttpClients(endpoint.address())) {
            Socket s = clients.connect("127.0.0.1");
            CompletableFuture<Long> taken = CompletableFuture.supplyAsync(() -> SlowHttpClients.sendUntilRefused(s,
                    "POST /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + announced + "\r\n\r\n",
                    announced));
            String reply = SlowHttpClients.readUntilClosed(s, CLOSED_WITHIN);
            assertTrue(reply.startsWith("HTTP/1.1 413 "), reply);
            long sent = await().atMost(CLOSED_WITHIN).until(() -> taken.getNow(null), v -> v != null);
            assertTrue(sent < announced / 4, "the server stopped taking the body after " + sent + " bytes");
        }
        await().atMost(PROMPTLY).until(this::scraped);
    }
}
