package dev.pkinitkdc.kdc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InFlightRequestsTest {
    @Test
    void stoppingRefusesNewRequestsAndWaitsForThoseInFlight() throws Exception {
        InFlightRequests inFlight = new InFlightRequests();
        assertTrue(inFlight.begin());
        assertTrue(inFlight.begin());
        inFlight.stopAccepting();
        assertFalse(inFlight.begin(), "no new request once stopping");
        assertEquals(2, inFlight.count());

        CompletableFuture<Integer> left = CompletableFuture.supplyAsync(() -> {
            try {
                return inFlight.awaitNone(Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        inFlight.end();
        inFlight.end();
        assertEquals(0, left.get(10, TimeUnit.SECONDS));
    }

    @Test
    void theGraceBoundsTheWait() throws Exception {
        InFlightRequests inFlight = new InFlightRequests();
        inFlight.begin();
        inFlight.stopAccepting();
        long start = System.nanoTime();
        assertEquals(1, inFlight.awaitNone(Duration.ofMillis(200)), "still in flight after the grace");
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waitedMs >= 190 && waitedMs < 5000, waitedMs + " ms");
    }
}
