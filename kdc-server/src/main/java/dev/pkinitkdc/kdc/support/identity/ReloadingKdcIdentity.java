package dev.pkinitkdc.kdc.support.identity;

import dev.pkinitkdc.conf.IdentitySettings;
import dev.pkinitkdc.kdc.support.DaemonThreads;
import dev.pkinitkdc.kdc.support.SighupReload;
import dev.pkinitkdc.pkinit.KdcIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KDC's identity, replaced without a restart when its files change (checked every reload_interval) or on
 * SIGHUP. A replacement is taken only when it loads and its key signs for its certificate; until then (e.g. a
 * new certificate written before its key) the old identity keeps serving, so no request fails. Requests read
 * the identity once each, so one in flight finishes with the identity it started with.
 */
public final class ReloadingKdcIdentity implements Supplier<KdcIdentity>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingKdcIdentity.class);

    private final IdentitySettings settings;
    private final String realm;
    private final Clock clock;
    private final AtomicReference<KdcIdentity> current;
    private final ScheduledExecutorService watcher;
    private final SighupReload.Registration sighup;
    private volatile List<FileTime> stamps;

    private ReloadingKdcIdentity(IdentitySettings settings, String realm, Clock clock, KdcIdentity first)
            throws IOException {
        this.settings = settings;
        this.realm = realm;
        this.clock = clock;
        this.current = new AtomicReference<>(first);
        this.stamps = stamps(settings.files());
        this.watcher = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("kdc-identity-watch"));
        long every = settings.reloadInterval().toMillis();
        if (every > 0) {
            watcher.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
        }
        this.sighup = SighupReload.register(this::reload);
    }

    /** Loads the identity (refusing an unusable one, as at start) and starts watching its files. */
    public static ReloadingKdcIdentity start(IdentitySettings settings, String realm, Clock clock) throws IOException {
        return new ReloadingKdcIdentity(settings, realm, clock, KdcIdentityLoader.load(settings, realm, clock.instant()));
    }

    @Override
    public KdcIdentity get() {
        return current.get();
    }

    /** Reloads now (SIGHUP), whether or not the files look changed. */
    public void reload() {
        watcher.execute(() -> replace("reload requested"));
    }

    private void reloadIfChanged() {
        try {
            List<FileTime> now = stamps(settings.files());
            if (!now.equals(stamps)) {
                if (replace("identity files changed")) {
                    stamps = now;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("KDC certificate: cannot check {}: {}; keeping {}", settings.files(), e.getMessage(),
                    KdcCertificateCheck.thumbprint(current.get().certificate()));
        }
    }

    /** @return whether the new identity was taken */
    private boolean replace(String why) {
        KdcIdentity old = current.get();
        try {
            KdcIdentity loaded = KdcIdentityLoader.load(settings, realm, clock.instant());
            current.set(loaded);
            LOG.info("KDC certificate replaced ({}): {} -> {}", why, KdcCertificateCheck.thumbprint(old.certificate()),
                    KdcCertificateCheck.thumbprint(loaded.certificate()));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("KDC certificate not replaced ({}): {}; keeping {}", why, e.getMessage(),
                    KdcCertificateCheck.thumbprint(old.certificate()));
            return false;
        }
    }

    private static List<FileTime> stamps(List<Path> files) throws IOException {
        List<FileTime> out = new ArrayList<>();
        for (Path f : files) {
            out.add(Files.getLastModifiedTime(f));
        }
        return out;
    }

    @Override
    public void close() {
        sighup.close();
        watcher.shutdownNow();
    }
}
