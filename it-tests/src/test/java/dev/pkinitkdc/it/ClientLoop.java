package dev.pkinitkdc.it;

import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client that logs on in a loop on its own thread until closed or until {@link #MAX_REQUESTS}, counting what
 * did not succeed: the load that reload, failover and shutdown tests run beside their change.
 */
final class ClientLoop implements AutoCloseable {
    static final int MAX_REQUESTS = 2_000;

    /** One logon attempt; the loop passes the attempt's number (from 0). */
    @FunctionalInterface
    interface Logon {
        AsExchangeResult attempt(int n) throws Exception;
    }

    final AtomicInteger requests = new AtomicInteger();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    ClientLoop(Logon logon) {
        thread = new Thread(() -> {
            while (!stop.get() && requests.get() < MAX_REQUESTS) {
                int n = requests.get();
                try {
                    AsExchangeResult r = logon.attempt(n);
                    if (!(r instanceof AsExchangeResult.Success)) {
                        failures.add("#" + n + ": " + r);
                    }
                } catch (Exception e) {
                    failures.add("#" + n + ": " + e);
                }
                requests.incrementAndGet();
            }
        }, "client-loop");
        thread.start();
    }

    /** The lab user alice logging on to {@code kdc} with default options over TCP. */
    static ClientLoop alice(LabKdc kdc) {
        return new ClientLoop(n -> OwnClient.logon(kdc.lab, "alice", "alice",
                PkinitClientOptions.defaults(), false));
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join(30_000);
    }
}
