package dev.pkinitkdc.kdc.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP asks every registered listener in this process to reload (the runtime's configuration, the KDC
 * identity), as daemons conventionally do. The handler is installed once; where the platform has no SIGHUP, file
 * watching still works. Listeners must return quickly (hand the work to a thread of their own).
 */
public final class SighupReload {
    private static final Logger LOG = LoggerFactory.getLogger(SighupReload.class);
    private static final List<Runnable> LISTENERS = new CopyOnWriteArrayList<>();
    private static boolean installed;

    private SighupReload() {
    }

    /** A registered listener; closing it unregisters it. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** @return what unregisters the listener */
    public static synchronized Registration register(Runnable listener) {
        LISTENERS.add(listener);
        if (!installed) {
            try {
                Signal.handle(new Signal("HUP"), signal -> {
                    LOG.info("SIGHUP: reloading ({} listener(s))", LISTENERS.size());
                    LISTENERS.forEach(SighupReload::notify);
                });
            } catch (IllegalArgumentException e) {
                LOG.info("no SIGHUP on this platform ({}); reloads happen when the files change", e.getMessage());
            }
            installed = true;
        }
        return () -> LISTENERS.remove(listener);
    }

    private static void notify(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.warn("SIGHUP listener {} failed: {}", listener, e.toString());
        }
    }
}
