package dev.pkinitkdc.kdc.transport;

import java.time.Duration;

/**
 * Requests received and not yet answered (reply written to the network, or dropped), so that a stopping KDC can
 * let them finish. After {@link #stopAccepting()} new requests are refused by {@link #begin()}.
 */
final class InFlightRequests {
    private int count;
    private boolean stopping;

    /** @return false once the KDC is stopping: the request is not taken */
    synchronized boolean begin() {
        if (stopping) {
            return false;
        }
        count++;
        return true;
    }

    synchronized void end() {
        count--;
        if (count == 0) {
            notifyAll();
        }
    }

    synchronized void stopAccepting() {
        stopping = true;
    }

    synchronized int count() {
        return count;
    }

    /** Waits until none is in flight or {@code grace} has passed; returns how many are still in flight. */
    synchronized int awaitNone(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        long left;
        while (count > 0 && (left = deadline - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
        return count;
    }
}
