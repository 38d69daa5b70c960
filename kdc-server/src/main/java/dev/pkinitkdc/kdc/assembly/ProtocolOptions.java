package dev.pkinitkdc.kdc.assembly;

import dev.pkinitkdc.conf.KdcConfig;
import dev.pkinitkdc.kdc.stage.encode.KrbErrorEncoder;
import dev.pkinitkdc.kdc.stage.issue.KrbtgtKeys;
import dev.pkinitkdc.kdc.stage.preauth.AuthPackReplayCache;
import dev.pkinitkdc.kdc.stage.preauth.PkinitPreauthentication;
import dev.pkinitkdc.kdc.stage.preauth.PreauthMechanisms;
import dev.pkinitkdc.kdc.support.telemetry.KdcTelemetry;
import dev.pkinitkdc.kdc.tgs.AuthenticatorReplayCache;
import dev.pkinitkdc.kdc.transport.KdcRequestHandler;
import dev.pkinitkdc.kdc.transport.dispatch.KdcDispatch;
import dev.pkinitkdc.kdc.transport.dispatch.LookasideCache;
import dev.pkinitkdc.kdc.transport.dispatch.RequestAdmission;
import dev.pkinitkdc.kdc.transport.dispatch.UdpReplyLimit;
import dev.pkinitkdc.pkinit.server.FreshnessTokens;
import dev.pkinitkdc.pkinit.server.PkinitServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the protocol parts around the AS-REQ stages from kdc.conf: the pre-authentication mechanisms (PKINIT,
 * with freshness tokens, RFC 8070, and the AuthPack replay check), and, in front of the AS-REQ processor, the load
 * shedding, the lookaside cache and the UDP reply limit (RFC 4120 7.2.1).
 */
public final class ProtocolOptions {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolOptions.class);
    /** How long a reply answers a retransmission of the same request bytes (MIT's lookaside keeps 2 minutes). */
    static final Duration LOOKASIDE_WINDOW = Duration.ofMinutes(2);
    static final int LOOKASIDE_ENTRIES = 20_000;
    /** As MIT kdc/replay.c LOOKASIDE_MAX_SIZE (which counts requests too): the reply bytes held together. */
    static final int LOOKASIDE_BYTES = 10 * 1024 * 1024;
    static final int REPLAY_ENTRIES = 200_000;

    private ProtocolOptions() {
    }

    /** The AuthPack replay cache; a reload keeps it while {@code max_clock_skew}, its window, is unchanged. */
    public static AuthPackReplayCache replayCache(KdcConfig config, Clock clock) {
        return new AuthPackReplayCache(config.kdc().maxClockSkew(), REPLAY_ENTRIES, clock);
    }

    /** The TGS-REQ authenticator replay cache; kept by a reload while {@code max_clock_skew} is unchanged. */
    public static AuthenticatorReplayCache authenticatorReplayCache(KdcConfig config, Clock clock) {
        return new AuthenticatorReplayCache(config.kdc().maxClockSkew(), REPLAY_ENTRIES, clock);
    }

    /**
     * @param krbtgt the key freshness tokens are sealed in, so every KDC of the realm accepts them (and tokens
     *        handed out before a reload stay valid)
     * @param replays the replay cache, kept across reloads
     */
    public static PreauthMechanisms preauthentication(PkinitServer pkinit, KdcConfig config,
                                                      KrbtgtKeys.VersionedKey krbtgt,
                                                      AuthPackReplayCache replays, Clock clock) {
        Duration skew = config.kdc().maxClockSkew();
        if (config.pkinit().requireFreshness()) {
            LOG.info("PKINIT requires RFC 8070 freshness tokens (require_freshness = true)");
        }
        if (config.pkinit().requirePaChecksum2()) {
            LOG.info("PKINIT requires MS-PKCA paChecksum2 (require_pa_checksum2 = true)");
        }
        FreshnessTokens freshness = new FreshnessTokens(krbtgt.key(), krbtgt.kvno(), skew, clock);
        return new PreauthMechanisms(List.of(new PkinitPreauthentication(pkinit, freshness,
                config.pkinit().requireFreshness(), replays)), freshness);
    }

    /**
     * What the listeners call: load shedding ({@link RequestAdmission}), then the {@link KdcDispatch} of the
     * lookaside cache, the AS-REQ processor and the UDP reply limit.
     *
     * @param workers where answers from the lookaside cache are sent on (not the network threads)
     */
    public static KdcRequestHandler transportHandler(KdcRequestHandler processor, KdcConfig config,
                                                     KrbErrorEncoder errors, Clock clock, KdcTelemetry telemetry,
                                                     Executor workers) {
        LookasideCache lookaside = new LookasideCache(LOOKASIDE_WINDOW, LOOKASIDE_ENTRIES, LOOKASIDE_BYTES, clock,
                telemetry.metrics().lookaside());
        UdpReplyLimit udpLimit = new UdpReplyLimit(config.kdc().udpMaxReply(), errors, clock);
        return new RequestAdmission(new KdcDispatch(processor, lookaside, udpLimit, telemetry, errors, workers, clock),
                config.kdc().limits(), errors, clock, telemetry.metrics().transport());
    }
}
