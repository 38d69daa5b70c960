package dev.pkinitkdc.kdc.transport.dispatch;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.kdc.stage.encode.KrbErrorEncoder;
import dev.pkinitkdc.kdc.support.telemetry.KdcTelemetry;
import dev.pkinitkdc.kdc.transport.KdcRequestHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * From a request's bytes to the bytes sent back, in the order of MIT krb5's kdc/dispatch.c: the lookaside cache
 * (a retransmission gets its first copy's reply), else the live AS-REQ processor (whose reply the cache keeps
 * whole), then the UDP reply limit (a reply too big for a datagram becomes KRB_ERR_RESPONSE_TOO_BIG). The
 * processor writes the audit line of each reply it computes; the answers decided here (a replay, a 52) get theirs
 * from {@link DispatchAudit}, so every answer has one.
 */
public final class KdcDispatch implements KdcRequestHandler {
    private final KdcRequestHandler live;
    private final LookasideCache lookaside;
    private final UdpReplyLimit udpLimit;
    private final DispatchAudit audit;
    private final Executor workers;
    private final Clock clock;

    /**
     * @param live the live AS-REQ processor (swapped by a reload)
     * @param workers where a cached reply is sent on (its audit line is written there, not on a network thread)
     */
    public KdcDispatch(KdcRequestHandler live, LookasideCache lookaside, UdpReplyLimit udpLimit,
                       KdcTelemetry telemetry, KrbErrorEncoder errors, Executor workers, Clock clock) {
        this.live = live;
        this.lookaside = lookaside;
        this.udpLimit = udpLimit;
        this.audit = new DispatchAudit(telemetry, errors, clock);
        this.workers = workers;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<byte[]> handle(InetSocketAddress peer, Transport transport, byte[] request) {
        Instant received = clock.instant();
        LookasideCache.Answer answer = lookaside.answer(peer, transport, request,
                () -> live.handle(peer, transport, request));
        if (answer.replayed()) {
            return answer.reply().thenApplyAsync(reply -> sent(peer, transport, received, reply, true), workers);
        }
        return answer.reply().thenApply(reply -> sent(peer, transport, received, reply, false));
    }

    /** What goes on the wire for {@code reply}, with the audit line of the answers decided here. */
    private byte[] sent(InetSocketAddress peer, Transport transport, Instant received, byte[] reply, boolean replayed) {
        Optional<UdpReplyLimit.Replaced> replaced = udpLimit.check(peer, transport, reply);
        if (replaced.isPresent()) {
            audit.tooBig(peer, transport, received, replaced.get(), replayed);
            return replaced.get().krbError();
        }
        if (replayed) {
            audit.replayed(peer, transport, received, reply);
        }
        return reply;
    }
}
