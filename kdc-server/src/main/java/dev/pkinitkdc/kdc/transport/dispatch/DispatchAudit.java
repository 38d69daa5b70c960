package dev.pkinitkdc.kdc.transport.dispatch;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.AuditFacts;
import dev.pkinitkdc.kdc.request.AuditRecord;
import dev.pkinitkdc.kdc.stage.encode.KrbErrorCodes;
import dev.pkinitkdc.kdc.stage.encode.KrbErrorEncoder;
import dev.pkinitkdc.kdc.support.telemetry.KdcTelemetry;
import dev.pkinitkdc.kdc.support.telemetry.NoisyRefusals;
import dev.pkinitkdc.pkinit.asn1.KrbErrorEncoding;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The audit lines and metrics of the answers {@link KdcDispatch} gives itself, not the AS-REQ stages: a
 * retransmission answered from the lookaside cache ({@code "result":"lookaside"}, and {@code error_code} when the
 * reply sent again is a KRB-ERROR), and a UDP reply replaced by KRB_ERR_RESPONSE_TOO_BIG ({@code "result":
 * "refused"}, {@code error_code} 52, {@code "refused_at":"udp_reply_limit"}, {@code "lookaside":true} when the
 * replaced reply came from the cache). Each line starts as the stages' lines do (time, client, transport) and
 * ends with {@code latency_ms}. Lines for retransmissions are limited as noise ({@link NoisyRefusals.Kind#LOOKASIDE}).
 */
record DispatchAudit(KdcTelemetry telemetry, KrbErrorEncoder errors, Clock clock) {
    static final String REFUSED_AT = "udp_reply_limit";

    /** {@code reply}, an earlier copy's, was sent again; none for an undecodable datagram's {@code NO_REPLY}. */
    void replayed(InetSocketAddress peer, Transport transport, Instant received, byte[] reply) {
        if (reply.length == 0) {
            return;   // nothing was sent (AsReqProcessor.NO_REPLY): counted as a cache hit only
        }
        Integer code = KrbErrorEncoding.errorCode(reply).stream().boxed().findFirst().orElse(null);
        Optional<AuditRecord> line = inFull(peer) ? Optional.of(start(peer, transport, received)
                .with(AuditFacts.Outcome.lookaside(code)).with(new AuditFacts.Timing(latency(received).toMillis())))
                : Optional.empty();
        telemetry.replayed(line, code == null ? 0 : code, latency(received));
    }

    /** A reply to a UDP request did not fit and {@code replaced} was sent instead. */
    void tooBig(InetSocketAddress peer, Transport transport, Instant received, UdpReplyLimit.Replaced replaced,
                boolean replayed) {
        int code = KrbErrorCodes.codeFor(replaced.failure().reason());
        Duration latency = latency(received);
        if (replayed && !inFull(peer)) {
            telemetry.counted(code, latency);
            return;
        }
        telemetry.answered(start(peer, transport, received)
                .with(AuditFacts.Outcome.refused(code, replaced.failure().reason().name(), replaced.failure().text(),
                        errors.eText(replaced.failure()), REFUSED_AT))
                .with(new AuditFacts.Replay(replayed ? Boolean.TRUE : null))
                .with(new AuditFacts.Timing(latency.toMillis())), code, latency);
    }

    private boolean inFull(InetSocketAddress peer) {
        return telemetry.inFull(NoisyRefusals.Kind.LOOKASIDE, peer == null ? null : peer.getAddress());
    }

    private static AuditRecord start(InetSocketAddress peer, Transport transport, Instant received) {
        return AsExchange.received(peer, transport, received, new byte[0]).audit();
    }

    private Duration latency(Instant received) {
        return Duration.between(received, clock.instant());
    }
}
