package dev.pkinitkdc.kdc.identity;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP asks every running KDC in this process to reload its certificate, as daemons conventionally do. The
 * handler is installed once; where the platform has no SIGHUP, file watching still works.
 */
final class SighupReload {
    private static final Logger LOG = LoggerFactory.getLogger(SighupReload.class);
    private static final List<ReloadingKdcIdentity> IDENTITIES = new CopyOnWriteArrayList<>();
    private static boolean installed;

    private SighupReload() {
    }

    static synchronized void register(ReloadingKdcIdentity identity) {
        IDENTITIES.add(identity);
        if (!installed) {
            try {
                Signal.handle(new Signal("HUP"), signal -> {
                    LOG.info("SIGHUP: reloading the KDC certificate");
                    IDENTITIES.forEach(ReloadingKdcIdentity::reload);
                });
                installed = true;
            } catch (IllegalArgumentException e) {
                LOG.info("no SIGHUP on this platform ({}); the KDC certificate reloads when its files change",
                        e.getMessage());
                installed = true;
            }
        }
    }

    static void unregister(ReloadingKdcIdentity identity) {
        IDENTITIES.remove(identity);
    }
}
