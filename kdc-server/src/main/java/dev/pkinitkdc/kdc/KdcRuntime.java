package dev.pkinitkdc.kdc;

import dev.pkinitkdc.conf.KdcConfig;
import dev.pkinitkdc.conf.PkinitSettings;
import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.kdc.decode.AsReqDecoder;
import dev.pkinitkdc.kdc.directory.DirectoryUrlFile;
import dev.pkinitkdc.kdc.encode.KrbErrorEncoder;
import dev.pkinitkdc.kdc.identity.ReloadingKdcIdentity;
import dev.pkinitkdc.kdc.identity.SigningIdentity;
import dev.pkinitkdc.kdc.issue.KrbtgtKeys;
import dev.pkinitkdc.kdc.issue.OcspStapling;
import dev.pkinitkdc.kdc.issue.TgtIssuer;
import dev.pkinitkdc.kdc.issue.TicketPolicy;
import dev.pkinitkdc.kdc.map.AccountMappingStage;
import dev.pkinitkdc.kdc.map.ConfiguredDirectory;
import dev.pkinitkdc.kdc.map.ConfiguredMapper;
import dev.pkinitkdc.kdc.ntauth.ConfiguredNtAuth;
import dev.pkinitkdc.kdc.pipeline.AsReqPipeline;
import dev.pkinitkdc.kdc.pipeline.ProtocolOptions;
import dev.pkinitkdc.kdc.staple.KdcOcspStaple;
import dev.pkinitkdc.kdc.revocation.ConfiguredRevocation;
import dev.pkinitkdc.kdc.telemetry.KdcTelemetry;
import dev.pkinitkdc.kdc.telemetry.LiveParts;
import dev.pkinitkdc.kdc.transport.KdcServer;
import dev.pkinitkdc.kdc.validate.CertificatePathValidator;
import dev.pkinitkdc.kdc.validate.RevocationStage;
import dev.pkinitkdc.mapping.directory.AccountDirectory;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.server.KeyExchangePolicy;
import dev.pkinitkdc.pkinit.server.PkinitPolicy;
import dev.pkinitkdc.pkinit.server.Rfc4556PkinitServer;
import dev.pkinitkdc.revocation.RevocationCounters;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running KDC assembled from a {@link KdcConfig}: directory, stages, pipeline and listeners. */
public final class KdcRuntime implements AutoCloseable {
    private static KeyExchangePolicy keyExchangePolicy(PkinitSettings pkinit) {
        return new KeyExchangePolicy(pkinit.dhMinBits(), pkinit.ecdhMinBits(), pkinit.rsaKeyTransport());
    }

    private static final Logger LOG = LoggerFactory.getLogger(KdcRuntime.class);

    private final List<AutoCloseable> resources;
    private final KdcServer server;
    private final ExecutorService workers;
    private final RevocationCounters revocationCounters;
    private final KdcTelemetry telemetry;

    private KdcRuntime(List<AutoCloseable> resources, KdcServer server, ExecutorService workers,
                       RevocationCounters revocationCounters, KdcTelemetry telemetry) {
        this.resources = resources;
        this.server = server;
        this.workers = workers;
        this.revocationCounters = revocationCounters;
        this.telemetry = telemetry;
    }

    public static KdcRuntime start(KdcConfig config) throws IOException, InterruptedException {
        List<AutoCloseable> resources = new ArrayList<>();
        KdcTelemetry telemetry = KdcTelemetry.start(config.audit(), config.metrics());
        ExecutorService workers = Executors.newFixedThreadPool(config.kdc().workers(), DaemonThreads.named("kdc-worker"));
        try {
            String realm = config.kdc().realm();
            Clock clock = Clock.systemUTC();
            Assembled assembled = assemble(config, workers, clock, resources, telemetry);
            List<KdcServer.Listen> listen = config.kdc().listen().stream()
                    .map(l -> new KdcServer.Listen(l.transport() == Transport.UDP, l.host(), l.port())).toList();
            KdcServer server = KdcServer.start(listen, ProtocolOptions.transportHandler(assembled.pipeline()::handle,
                    config, new KrbErrorEncoder(realm), clock, telemetry.metrics().lookaside()));
            LOG.info("KDC for realm {} started with certificate {}", realm, assembled.kdcSubject());
            return new KdcRuntime(resources, server, workers, assembled.revocationCounters(), telemetry);
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeAll(resources);
            workers.shutdownNow();
            telemetry.close();
            throw e;
        }
    }

    /** The AS-REQ pipeline and what the runtime reports about it. */
    public record Assembled(AsReqPipeline pipeline, RevocationCounters revocationCounters, String kdcSubject) {
    }

    /**
     * Every stage of {@code config}'s AS-REQ pipeline, without listeners (the JMH pipeline benchmark drives it
     * directly); what it opens is appended to {@code resources}, which the caller closes last first. The pipeline
     * reports to {@code telemetry}, whose metrics read this assembly's caches, directory pool and KDC certificate
     * from now on.
     */
    public static Assembled assemble(KdcConfig config, Executor workers, Clock clock, List<AutoCloseable> resources,
                                     KdcTelemetry telemetry) throws IOException, InterruptedException {
        String realm = config.kdc().realm();
        ReloadingKdcIdentity identity = ReloadingKdcIdentity.start(config.identity(), realm, clock);
        resources.add(identity);
        KrbtgtKeys krbtgt = KrbtgtKeys.load(config.krbtgt().keytab(), realm);
        ConfiguredDirectory configured = ConfiguredDirectory.open(config.directory(), config.attributes());
        resources.add(configured);
        AccountDirectory directory = configured.directory();
        if (configured.embeddedUrl().isPresent()) {
            resources.add(DirectoryUrlFile.publish(config.file(), configured.embeddedUrl().get()));
        }
        ConfiguredNtAuth ntAuth = ConfiguredNtAuth.start(config.ntauth(), configured.ldapSettings());
        resources.add(ntAuth);
        ConfiguredRevocation revocation = ConfiguredRevocation.start(config.revocation(), clock);
        resources.add(revocation);

        SecureRandom random = new SecureRandom();
        Rfc4556PkinitServer pkinit = new Rfc4556PkinitServer(
                SigningIdentity.choose(identity, config.kdc().cryptoProvider()),
                new PkinitPolicy(keyExchangePolicy(config.pkinit()), config.kdc().maxClockSkew())
                        .withRequirePaChecksum2(config.pkinit().requirePaChecksum2()), clock, random);
        OcspStapling stapling = KdcOcspStaple.start(config.identity(), identity, clock);
        if (stapling instanceof AutoCloseable closeable) {
            resources.add(closeable);
        }
        CertificatePathValidator validator =
                CertificatePathValidator.configured(config.trust(), clock).withNtAuth(ntAuth.policy());
        AsReqPipeline pipeline = new AsReqPipeline(
                new AsReqDecoder(realm, enctypes(config.kdc().enctypes())),
                ProtocolOptions.preauthentication(pkinit, config, krbtgt.ticketKey(), clock),
                validator,
                new RevocationStage(revocation.checker()),
                new AccountMappingStage(ConfiguredMapper.create(directory, config)),
                new TgtIssuer(realm, krbtgt, new TicketPolicy(config.kdc().ticketLifetime(),
                        config.kdc().renewableLifetime()), pkinit, clock, stapling),
                new KrbErrorEncoder(realm), workers, clock, telemetry);
        telemetry.metrics().observe(new LiveParts(revocation.counters(), validator.cacheCounts(),
                () -> Optional.of(configured.poolState()), () -> Optional.of(identity.get().certificate())));
        return new Assembled(pipeline, revocation.counters(),
                identity.get().certificate().getSubjectX500Principal().getName());
    }

    /** What revocation checking has done since start (grace uses, soft-fail allowances, fetches), for metrics. */
    public RevocationCounters revocationCounters() {
        return revocationCounters;
    }

    /** The audit log, metrics and metrics endpoint of this KDC. */
    public KdcTelemetry telemetry() {
        return telemetry;
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
        closeAll(resources);
        telemetry.close();
    }

    private static List<Enctype> enctypes(List<String> names) {
        return names.stream().map(n -> Enctype.fromName(n)
                .orElseThrow(() -> new IllegalArgumentException("unknown enctype " + n))).toList();
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resources.get(i), e.toString());
            }
        }
    }
}
