package dev.pkinitkdc.kdc.tool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT ask a serving KDC to stop gracefully. Handled as signals rather than in a shutdown hook, so
 * that the launcher finishes the requests in flight on its own thread and exits 0 (a JVM ended by the signal's
 * default action exits 143/130).
 */
final class StopSignals {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {
    }

    /** Calls {@code stop} on the first SIGTERM or SIGINT; where the platform lacks them, on JVM shutdown. */
    static void install(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    LOG.info("SIG{}: stopping", signal.getName());
                    stop.run();
                });
            } catch (IllegalArgumentException e) {
                LOG.info("no SIG{} handler on this platform ({}); stopping on JVM shutdown", name, e.getMessage());
                Runtime.getRuntime().addShutdownHook(new Thread(stop, "kdc-shutdown"));
            }
        }
    }
}
