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

    /**
     * Nothing ends the request, so only the grace can end the wait: that it returns at all, with the request still
     * counted, shows the bound fired; that it did not return before the grace is a lower bound load cannot break.
     * The 10 s on the result is 50 times the grace, there only so that a wait ignoring its grace fails the test
     * instead of hanging it.
     */
    @Test
    void theGraceBoundsTheWait() throws Exception {
        InFlightRequests inFlight = new InFlightRequests();
        inFlight.begin();
        inFlight.stopAccepting();
        Duration grace = Duration.ofMillis(200);
        CompletableFuture<Duration> waited = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            try {
                assertEquals(1, inFlight.awaitNone(grace), "still in flight after the grace");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return Duration.ofNanos(System.nanoTime() - start);
        });
        Duration took = waited.get(10, TimeUnit.SECONDS);
        assertTrue(took.compareTo(grace) >= 0, "returned after " + took + ", before the grace of " + grace);
        assertEquals(1, inFlight.count());
    }
}
