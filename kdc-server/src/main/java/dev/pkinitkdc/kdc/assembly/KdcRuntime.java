package dev.pkinitkdc.kdc.assembly;

import dev.pkinitkdc.conf.KdcConfig;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.as.AsReqProcessor;
import dev.pkinitkdc.kdc.stage.encode.KrbErrorEncoder;
import dev.pkinitkdc.kdc.support.DaemonThreads;
import dev.pkinitkdc.kdc.support.telemetry.KdcTelemetry;
import dev.pkinitkdc.kdc.transport.KdcServer;
import dev.pkinitkdc.kdc.transport.dispatch.ReloadableHandler;
import dev.pkinitkdc.revocation.RevocationCounters;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running KDC assembled from a {@link KdcConfig}. It keeps the long-lived parts (listeners, worker pool,
 * {@link SharedServices}) and runs the policy parts ({@link PolicyAssembly}: identity, trust, NTAuth, revocation,
 * directory, mapping) through a {@link ReloadableHandler} that {@link ConfigReload} swaps on SIGHUP or a file change.
 */
public final class KdcRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KdcRuntime.class);

    private final KdcServer server;
    private final ExecutorService workers;
    private final SharedServices lasting;
    private final ReloadableHandler live;
    private final ConfigReload reload;

    private KdcRuntime(KdcServer server, ExecutorService workers, SharedServices lasting, ReloadableHandler live,
                       ConfigReload reload) {
        this.server = server;
        this.workers = workers;
        this.lasting = lasting;
        this.live = live;
        this.reload = reload;
    }

    public static KdcRuntime start(KdcConfig config) throws IOException, InterruptedException {
        KdcTelemetry telemetry = KdcTelemetry.start(config.audit(), config.metrics());
        ExecutorService workers = Executors.newFixedThreadPool(config.kdc().workers(), DaemonThreads.named("kdc-worker"));
        PolicyAssembly parts = null;
        ConfigReload reload = null;
        try {
            String realm = config.kdc().realm();
            Clock clock = Clock.systemUTC();
            SharedServices lasting = new SharedServices(workers, clock, new RevocationCounters(), telemetry);
            parts = PolicyAssembly.assemble(config, lasting, null);
            ReloadableHandler live = new ReloadableHandler(parts.requests());
            reload = ConfigReload.start(parts, lasting, live);
            List<KdcServer.Listen> listen = config.kdc().listen().stream()
                    .map(l -> new KdcServer.Listen(l.transport(), l.host(), l.port())).toList();
            KrbErrorEncoder errors = new KrbErrorEncoder(realm);
            KdcServer server = KdcServer.start(listen, ProtocolOptions.transportHandler(live, config, errors, clock,
                    telemetry, workers), config.kdc().limits(),
                    text -> errors.encode(new KdcFailure(FailureReason.REQUEST_TOO_LONG, text), null, clock.instant()),
                    telemetry.metrics().transport());
            LOG.info("KDC for realm {} started with certificate {}", realm, parts.kdcSubject());
            return new KdcRuntime(server, workers, lasting, live, reload);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (reload != null) {
                reload.close();
            } else if (parts != null) {
                parts.close();
            }
            workers.shutdownNow();
            telemetry.close();
            throw e;
        }
    }

    /** The AS-REQ processor and what the runtime reports about it. */
    public record Assembled(AsReqProcessor asProcessor, RevocationCounters revocationCounters, String kdcSubject) {
    }

    /**
     * Every stage of {@code config}'s AS-REQ processor, without listeners (the JMH processor benchmark drives it
     * directly); what it opens is appended to {@code resources}, which the caller closes last first. Its audit
     * lines go to the diagnostic log, its metrics are not served.
     */
    public static Assembled assemble(KdcConfig config, Executor workers, Clock clock, List<AutoCloseable> resources)
            throws IOException, InterruptedException {
        SharedServices lasting = new SharedServices(workers, clock, new RevocationCounters(), KdcTelemetry.unserved());
        PolicyAssembly parts = PolicyAssembly.assemble(config, lasting, null);
        resources.add(parts);
        return new Assembled(parts.asProcessor(), lasting.revocationCounters(), parts.kdcSubject());
    }

    /**
     * Reloads the configuration now, as SIGHUP does; completes with whether the new configuration runs (a failed
     * reload keeps the old one and logs why).
     */
    public CompletableFuture<Boolean> reload() {
        return reload.reload("reload requested");
    }

    /** What revocation checking has done since start (grace uses, soft-fail allowances, fetches), for metrics. */
    public RevocationCounters revocationCounters() {
        return lasting.revocationCounters();
    }

    /** The audit log, metrics and metrics endpoint of this KDC, made once and kept across reloads. */
    public KdcTelemetry telemetry() {
        return lasting.telemetry();
    }

    public List<KdcServer.Listen> bound() {
        return server.bound();
    }

    /**
     * Graceful stop (SIGTERM/SIGINT): the listeners stop accepting, requests in flight get up to {@code grace} to
     * finish and have their replies sent, then everything is closed.
     */
    public void shutdown(Duration grace) {
        int inFlight = server.stopAccepting();
        LOG.info("stopping: {} requests in flight", inFlight);
        try {
            int left = server.awaitInFlight(grace);
            if (left > 0) {
                LOG.warn("{} requests still in flight after shutdown_grace {}s: abandoned", left, grace.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        LOG.info("stopped");
    }

    @Override
    public void close() {
        server.close();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reload.close();
        live.close();
        lasting.telemetry().close();
    }
}
