package dev.pkinitkdc.kdc.assembly;

import dev.pkinitkdc.conf.KdcConfig;
import dev.pkinitkdc.conf.NtAuthSettings;
import dev.pkinitkdc.conf.PkinitSettings;
import dev.pkinitkdc.kdc.as.AsReqProcessor;
import dev.pkinitkdc.kdc.stage.decode.AsReqDecoder;
import dev.pkinitkdc.kdc.stage.encode.KrbErrorEncoder;
import dev.pkinitkdc.kdc.stage.issue.KdcOcspStaple;
import dev.pkinitkdc.kdc.stage.issue.KrbtgtKeys;
import dev.pkinitkdc.kdc.stage.issue.OcspStapling;
import dev.pkinitkdc.kdc.stage.issue.ServiceKeys;
import dev.pkinitkdc.kdc.stage.issue.ServiceTicketIssuer;
import dev.pkinitkdc.kdc.stage.issue.TgtIssuer;
import dev.pkinitkdc.kdc.stage.issue.TicketPolicy;
import dev.pkinitkdc.kdc.stage.map.AccountMappingStage;
import dev.pkinitkdc.kdc.stage.map.ConfiguredDirectory;
import dev.pkinitkdc.kdc.stage.map.ConfiguredMapper;
import dev.pkinitkdc.kdc.stage.preauth.AuthPackReplayCache;
import dev.pkinitkdc.kdc.stage.revocation.ConfiguredRevocation;
import dev.pkinitkdc.kdc.stage.revocation.RevocationStage;
import dev.pkinitkdc.kdc.stage.trust.CertificatePathValidator;
import dev.pkinitkdc.kdc.stage.trust.ntauth.ConfiguredNtAuth;
import dev.pkinitkdc.kdc.support.directory.DirectoryUrlFile;
import dev.pkinitkdc.kdc.support.identity.DhArithmetic;
import dev.pkinitkdc.kdc.support.identity.ReloadingKdcIdentity;
import dev.pkinitkdc.kdc.support.identity.SigningIdentity;
import dev.pkinitkdc.kdc.support.telemetry.MetricSources;
import dev.pkinitkdc.kdc.tgs.AuthenticatorReplayCache;
import dev.pkinitkdc.kdc.tgs.TgsReqProcessor;
import dev.pkinitkdc.kdc.transport.KdcRequestHandler;
import dev.pkinitkdc.kdc.transport.dispatch.RequestTypeRouter;
import dev.pkinitkdc.pkinit.cms.SignatureVerification;
import dev.pkinitkdc.pkinit.cms.SignedDataPolicy;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.server.KeyExchangePolicy;
import dev.pkinitkdc.pkinit.server.PkinitPolicy;
import dev.pkinitkdc.pkinit.server.Rfc4556PkinitServer;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy parts of a KDC assembled from one {@link KdcConfig} into an {@link AsReqProcessor}: identity, trust,
 * NTAuth, revocation, directory and mapping, tickets. An assembly after a reload reuses the previous one's parts
 * whose settings did not change (the identity with its watcher, the directory's connection pool, the revocation
 * caches, the NTAuth store, the AuthPack replay cache) and rebuilds the rest; it opens nothing the previous one
 * still has. What it opened is closed by {@link #close} or, once retired by a newer assembly, by
 * {@link #retiredBy}.
 */
public final class PolicyAssembly implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyAssembly.class);
    /** Bound on re-reading the CRL mirror files during a reload. */
    private static final long MIRROR_REREAD_SECONDS = 10;

    private final KdcConfig config;
    private final ReloadingKdcIdentity identity;
    private final OcspStapling stapling;
    private final SigningIdentity signing;
    private final ConfiguredDirectory directory;
    private final AutoCloseable directoryUrl;
    private final ConfiguredNtAuth ntAuth;
    private final ConfiguredRevocation revocation;
    private final AuthPackReplayCache replays;
    private final AsReqProcessor asProcessor;
    private final AuthenticatorReplayCache tgsReplays;
    private final TgsReqProcessor tgsProcessor;

    private PolicyAssembly(KdcConfig config, ReloadingKdcIdentity identity, OcspStapling stapling,
                        SigningIdentity signing, ConfiguredDirectory directory, AutoCloseable directoryUrl,
                        ConfiguredNtAuth ntAuth, ConfiguredRevocation revocation, AuthPackReplayCache replays,
                        AsReqProcessor asProcessor, AuthenticatorReplayCache tgsReplays,
                        TgsReqProcessor tgsProcessor) {
        this.config = config;
        this.identity = identity;
        this.stapling = stapling;
        this.signing = signing;
        this.directory = directory;
        this.directoryUrl = directoryUrl;
        this.ntAuth = ntAuth;
        this.revocation = revocation;
        this.replays = replays;
        this.asProcessor = asProcessor;
        this.tgsReplays = tgsReplays;
        this.tgsProcessor = tgsProcessor;
    }

    /**
     * Assembles {@code config}'s AS-REQ processor. With {@code previous}, parts whose settings are equal are taken over
     * (the NTAuth store and the CRL mirrors are read again now); on failure, whatever this call opened is closed
     * again and {@code previous} is left as it was.
     */
    public static PolicyAssembly assemble(KdcConfig config, SharedServices lasting, PolicyAssembly previous)
            throws IOException, InterruptedException {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            return assemble(config, lasting, previous, opened);
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    private static PolicyAssembly assemble(KdcConfig config, SharedServices lasting, PolicyAssembly previous,
                                        List<AutoCloseable> opened) throws IOException, InterruptedException {
        String realm = config.kdc().realm();
        boolean sameIdentity = previous != null && previous.config.identity().equals(config.identity());
        ReloadingKdcIdentity identity = sameIdentity ? previous.identity
                : opened(opened, ReloadingKdcIdentity.start(config.identity(), realm, lasting.clock()));
        OcspStapling stapling = sameIdentity ? previous.stapling
                : KdcOcspStaple.start(config.identity(), identity, lasting.clock());
        if (!sameIdentity && stapling instanceof AutoCloseable closeable) {
            opened.add(closeable);
        }
        KrbtgtKeys krbtgt = KrbtgtKeys.load(config.krbtgt().keytab(), realm,
                enctypes(config.krbtgt().ticketEnctypes()));

        boolean sameDirectory = previous != null && previous.config.directory().equals(config.directory())
                && previous.config.attributes().equals(config.attributes());
        ConfiguredDirectory directory = previous != null && sameDirectory ? previous.directory
                : opened(opened, ConfiguredDirectory.open(config.directory(), config.attributes(),
                        config.file()));
        AutoCloseable directoryUrl = sameDirectory ? previous.directoryUrl : null;
        if (!sameDirectory && directory.embeddedUrl().isPresent()) {
            directoryUrl = opened(opened, DirectoryUrlFile.publish(config.file(), directory.embeddedUrl().get()));
        }

        boolean sameNtAuth = previous != null && previous.config.ntauth().equals(config.ntauth())
                && (config.ntauth().source() != NtAuthSettings.Source.DIRECTORY || sameDirectory);
        ConfiguredNtAuth ntAuth;
        if (sameNtAuth) {
            ntAuth = previous.ntAuth;
            ntAuth.refresh();
        } else {
            ntAuth = opened(opened, ConfiguredNtAuth.start(config.ntauth(), directory.ldapSettings()));
        }

        boolean sameRevocation = previous != null && previous.config.revocation().equals(config.revocation())
                && sameDirectory; // host-less LDAP CRL distribution points are asked of the directory
        ConfiguredRevocation revocation;
        if (sameRevocation) {
            revocation = previous.revocation;
            rereadMirrors(revocation);
        } else {
            revocation = opened(opened, ConfiguredRevocation.start(config.revocation(), lasting.clock(),
                    lasting.revocationCounters(), Optional.of(directory.ldapSettings())));
        }

        SigningIdentity signing = sameIdentity
                && previous.config.kdc().cryptoProvider() == config.kdc().cryptoProvider() ? previous.signing
                : SigningIdentity.choose(identity, config.kdc().cryptoProvider());
        SecureRandom random = new SecureRandom();
        Rfc4556PkinitServer pkinit = new Rfc4556PkinitServer(signing,
                new PkinitPolicy(keyExchangePolicy(config), config.kdc().maxClockSkew())
                        .withRequirePaChecksum2(config.pkinit().requirePaChecksum2())
                        .withSignatureVerification(SignatureVerification.choose(signing.usesNativeProvider()))
                        .withSignedData(signedDataPolicy(config.pkinit())),
                lasting.clock(), random);
        AuthPackReplayCache replays = previous != null
                && previous.config.kdc().maxClockSkew().equals(config.kdc().maxClockSkew()) ? previous.replays
                : ProtocolOptions.replayCache(config, lasting.clock());
        CertificatePathValidator validator =
                CertificatePathValidator.configured(config.trust(), lasting.clock()).withNtAuth(ntAuth.policy());
        AsReqProcessor asProcessor = new AsReqProcessor(
                new AsReqDecoder(realm, enctypes(config.kdc().enctypes())),
                ProtocolOptions.preauthentication(pkinit, config, krbtgt.ticketKey(), replays, lasting.clock()),
                validator,
                new RevocationStage(revocation.checker()),
                new AccountMappingStage(ConfiguredMapper.create(directory.directory(), config)),
                new TgtIssuer(realm, krbtgt, new TicketPolicy(config.kdc().ticketLifetime(),
                        config.kdc().renewableLifetime(), config.kdc().maxClockSkew()), lasting.clock(), stapling),
                new KrbErrorEncoder(realm, config.kdc().verboseEText()), lasting.workers(), lasting.clock(),
                lasting.telemetry());
        boolean sameSkew = previous != null
                && previous.config.kdc().maxClockSkew().equals(config.kdc().maxClockSkew());
        AuthenticatorReplayCache tgsReplays = sameSkew ? previous.tgsReplays
                : ProtocolOptions.authenticatorReplayCache(config, lasting.clock());
        TgsReqProcessor tgsProcessor = tgsProcessor(config, krbtgt, tgsReplays, lasting);
        lasting.telemetry().metrics().observe(new MetricSources(lasting.revocationCounters(), validator.cacheCounts(),
                directory::poolState, () -> Optional.of(identity.get().certificate())));
        return new PolicyAssembly(config, identity, stapling, signing, directory, directoryUrl, ntAuth, revocation,
                replays, asProcessor, tgsReplays, tgsProcessor);
    }

    /** The TGS-REQ processor (RFC 4120 3.3) with the service keys of {@code [services] keytabs}. */
    private static TgsReqProcessor tgsProcessor(KdcConfig config, KrbtgtKeys krbtgt,
                                                AuthenticatorReplayCache replays, SharedServices lasting)
            throws IOException {
        String realm = config.kdc().realm();
        ServiceKeys services = ServiceKeys.load(config.services().keytabs(), realm);
        LOG.info("TGS-REQ: service keys of {} from {}", services.principals(), config.services().keytabs());
        TicketPolicy policy = new TicketPolicy(config.kdc().ticketLifetime(), config.kdc().renewableLifetime(),
                config.kdc().maxClockSkew());
        return new TgsReqProcessor(realm, krbtgt, services, enctypes(config.kdc().enctypes()),
                config.kdc().maxClockSkew(), replays, new ServiceTicketIssuer(realm, krbtgt, policy, lasting.clock()),
                new KrbErrorEncoder(realm, config.kdc().verboseEText()), lasting.workers(), lasting.clock(),
                lasting.telemetry());
    }

    private static void rereadMirrors(ConfiguredRevocation revocation) throws IOException, InterruptedException {
        try {
            revocation.rereadMirrors().get(MIRROR_REREAD_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("CRL mirror files could not be read again: " + e, e);
        }
    }

    private static <T extends AutoCloseable> T opened(List<AutoCloseable> opened, T resource) {
        opened.add(resource);
        return resource;
    }

    public KdcConfig config() {
        return config;
    }

    public AsReqProcessor asProcessor() {
        return asProcessor;
    }

    /** What the listeners' dispatch hands requests to: AS-REQ or TGS-REQ by the message's tag. */
    public KdcRequestHandler requests() {
        return new RequestTypeRouter(asProcessor::handle, tgsProcessor::handle);
    }

    /** The subject of the KDC certificate now in use. */
    public String kdcSubject() {
        return identity.get().certificate().getSubjectX500Principal().getName();
    }

    /** What closes this assembly's parts that {@code next} did not take over, once no request uses them. */
    public AutoCloseable retiredBy(PolicyAssembly next) {
        List<AutoCloseable> own = resources();
        List<AutoCloseable> kept = next.resources();
        List<AutoCloseable> retired = own.stream().filter(r -> kept.stream().noneMatch(k -> k == r)).toList();
        return () -> closeAll(retired);
    }

    /** In the order they were opened; closed last first. */
    private List<AutoCloseable> resources() {
        List<AutoCloseable> out = new ArrayList<>();
        out.add(identity);
        out.add(directory);
        out.add(directoryUrl);
        out.add(ntAuth);
        out.add(revocation);
        out.add(stapling instanceof AutoCloseable closeable ? closeable : null);
        return out.stream().filter(Objects::nonNull).toList();
    }

    @Override
    public void close() {
        closeAll(resources());
    }

    private static KeyExchangePolicy keyExchangePolicy(KdcConfig config) {
        PkinitSettings pkinit = config.pkinit();
        return new KeyExchangePolicy(pkinit.dhMinBits(), pkinit.ecdhMinBits(), pkinit.rsaKeyTransport(),
                DhArithmetic.choose(config.kdc().cryptoProvider()));
    }

    private static SignedDataPolicy signedDataPolicy(PkinitSettings pkinit) {
        return new SignedDataPolicy(pkinit.maxCertificates(), pkinit.maxCertificateBytes(),
                pkinit.allowSha1Signature(), pkinit.minRsaBits());
    }

    /** Enctypes by their configured names (the conf module checked them). */
    public static List<Enctype> enctypes(List<String> names) {
        return names.stream().map(n -> Enctype.fromName(n)
                .orElseThrow(() -> new IllegalArgumentException("unknown enctype " + n))).toList();
    }

    static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resources.get(i), e.toString());
            }
        }
    }
}
