package dev.pkinitkdc.pkinit.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping the server processes tests start (slapd, openssl ocsp): politely first, then by force. */
public final class Processes {
    private Processes() {
    }

    /** SIGTERM, then SIGKILL after {@code patience}; returns when the process is gone (or after twice that). */
    public static void stop(Process process, Duration patience) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
