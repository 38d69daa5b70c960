package dev.pkinitkdc.kdc.assembly;

import dev.pkinitkdc.conf.ConfigException;
import dev.pkinitkdc.conf.ConfigLines;
import dev.pkinitkdc.conf.ConfigParser;
import dev.pkinitkdc.conf.KdcConfig;
import dev.pkinitkdc.kdc.support.DaemonThreads;
import dev.pkinitkdc.kdc.support.SighupReload;
import dev.pkinitkdc.kdc.transport.dispatch.ReloadableHandler;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the running configuration: on SIGHUP, and when the config file or a file it names changes (checked every
 * {@code [kdc] reload_interval}), parses the file again, assembles a new policy (reusing what did not change) and
 * swaps the AS-REQ processor. A reload that fails anywhere keeps everything running as it was and logs one WARN
 * line saying why; a successful one logs one INFO line naming what changed. Reloads run one at a time on one thread.
 */
public final class ConfigReload implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReload.class);

    private final SharedServices lasting;
    private final ReloadableHandler live;
    private final ScheduledExecutorService thread;
    private final SighupReload.Registration sighup;
    // touched only on the reload thread (and by close, after it stopped)
    private PolicyAssembly parts;
    private ConfigLines lines;
    private WatchedFiles watched;
    private Map<Path, String> stamps;
    private volatile ScheduledFuture<?> watching;

    private ConfigReload(PolicyAssembly first, ConfigLines lines, SharedServices lasting, ReloadableHandler live) {
        this.parts = first;
        this.lines = lines;
        this.lasting = lasting;
        this.live = live;
        this.watched = WatchedFiles.of(first.config());
        this.stamps = watched.stamps();
        this.thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("kdc-reload"));
        watchEvery(first.config().kdc().reloadInterval());
        this.sighup = SighupReload.register(() -> reload("SIGHUP"));
    }

    /** Starts watching; {@code first} (now owned by this) is what {@code live} runs. */
    public static ConfigReload start(PolicyAssembly first, SharedServices lasting, ReloadableHandler live)
            throws IOException {
        ConfigLines lines;
        try {
            lines = ConfigLines.read(first.config().file());
        } catch (ConfigException e) {
            throw new IOException(e.getMessage(), e);
        }
        return new ConfigReload(first, lines, lasting, live);
    }

    /** (Re)starts the periodic check; zero: none (SIGHUP only). */
    private void watchEvery(Duration interval) {
        if (watching != null) {
            watching.cancel(false);
            watching = null;
        }
        long every = interval.toMillis();
        if (every > 0) {
            watching = thread.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Reloads now, whether or not anything looks changed; completes with whether the new configuration runs. */
    public CompletableFuture<Boolean> reload(String why) {
        return CompletableFuture.supplyAsync(() -> apply(why, watched.stamps()), thread);
    }

    private void reloadIfChanged() {
        try {
            Map<Path, String> now = watched.stamps();
            if (!now.equals(stamps)) {
                apply("files changed", now);
            }
        } catch (RuntimeException e) {
            LOG.warn("checking {} for changes failed: {}", parts.config().file(), e.toString());
        }
    }

    /** @param now the stamps read before the file is: a change during the reload is seen by the next check */
    private boolean apply(String why, Map<Path, String> now) {
        List<ConfigLines.Key> filesChanged = watched.changed(stamps, now);
        stamps = now;   // a bad edit is reported once; the next change is tried again
        KdcConfig running = parts.config();
        Path file = running.file();
        ConfigLines newLines;
        KdcConfig parsed;
        try {
            newLines = ConfigLines.read(file);
            parsed = ConfigParser.parse(file);
        } catch (ConfigException e) {
            LOG.warn("reload ({}) failed, the running configuration stays: {}", why, e.getMessage());
            return false;
        } catch (RuntimeException e) {
            LOG.warn("reload ({}) failed, the running configuration stays: {}: {}", why, file, e.toString());
            return false;
        }
        List<ConfigLines.Key> changed = newLines.changedSince(lines);
        RestartOnlyKeys restartOnly = RestartOnlyKeys.of(running, parsed, changed);
        for (ConfigLines.Key key : restartOnly.ignored()) {
            LOG.warn("{}: changed, needs a restart; the running value stays until then", newLines.locate(key));
        }
        PolicyAssembly next;
        try {
            next = PolicyAssembly.assemble(restartOnly.effective(), lasting, parts);
        } catch (IOException | RuntimeException e) {
            LOG.warn("reload ({}) failed, the running configuration stays: {}", why,
                    reason(e, restartOnly.effective(), newLines));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        live.swap(next.requests(), parts.retiredBy(next));
        if (!next.config().kdc().reloadInterval().equals(running.kdc().reloadInterval())) {
            watchEvery(next.config().kdc().reloadInterval());
        }
        parts = next;
        lines = newLines;
        watched = WatchedFiles.of(next.config());
        stamps = watched.including(now);
        List<String> applied = new ArrayList<>();
        changed.stream().filter(k -> !restartOnly.ignored().contains(k)).forEach(k -> applied.add(k.toString()));
        filesChanged.stream().filter(k -> !changed.contains(k)).forEach(k -> applied.add(k + " (file changed)"));
        LOG.info("reloaded {} ({}): {}", file, why, applied.isEmpty() ? "no change"
                : applied.stream().collect(Collectors.joining(", ")));
        return true;
    }

    /** Why, prefixed with {@code FILE:LINE: [section] key} when a file a key names is missing. */
    private static String reason(Exception e, KdcConfig config, ConfigLines lines) {
        Optional<NoSuchFileException> missing = Stream.<Throwable>iterate(e, t -> t != null, Throwable::getCause)
                .limit(8).filter(NoSuchFileException.class::isInstance).map(NoSuchFileException.class::cast)
                .filter(n -> n.getFile() != null).findFirst();   // also when a bounded read wrapped it
        if (missing.isPresent()) {
            Path path = Path.of(missing.get().getFile());
            return WatchedFiles.keyNaming(config, path).map(k -> lines.locate(k) + ": ").orElse(config.file() + ": ")
                    + "no such file: " + path;
        }
        return config.file() + ": " + (e.getMessage() != null ? e.getMessage() : e.toString());
    }

    /** Stops watching and closes the running policy parts (call after the listeners stopped). */
    @Override
    public void close() {
        sighup.close();
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("a reload still runs after 10 s; closing the running parts anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        parts.close();
    }
}
