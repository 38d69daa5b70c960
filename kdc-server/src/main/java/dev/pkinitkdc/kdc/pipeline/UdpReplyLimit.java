package dev.pkinitkdc.kdc.pipeline;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.encode.KrbErrorEncoder;
import dev.pkinitkdc.kdc.transport.KdcRequestHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 4120 7.2.1: a reply that does not fit in one UDP datagram of at most {@code maxReply} bytes is replaced by
 * KRB_ERR_RESPONSE_TOO_BIG, and the client retries over TCP (MIT and Heimdal do; the same request bytes then get
 * the full reply from the lookaside cache). A PKINIT AS-REP carries the KDC's certificate chain and rarely fits.
 */
public final class UdpReplyLimit implements KdcRequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UdpReplyLimit.class);

    private final KdcRequestHandler next;
    private final int maxReply;
    private final KrbErrorEncoder errors;
    private final Clock clock;

    public UdpReplyLimit(KdcRequestHandler next, int maxReply, KrbErrorEncoder errors, Clock clock) {
        this.next = next;
        this.maxReply = maxReply;
        this.errors = errors;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<byte[]> handle(InetSocketAddress peer, Transport transport, byte[] request) {
        CompletableFuture<byte[]> reply = next.handle(peer, transport, request);
        if (transport != Transport.UDP) {
            return reply;
        }
        return reply.thenApply(bytes -> bytes.length <= maxReply ? bytes : tooBig(peer, bytes.length));
    }

    private byte[] tooBig(InetSocketAddress peer, int length) {
        String text = "reply of " + length + " bytes exceeds the UDP limit of " + maxReply + " bytes; use TCP";
        LOG.info("UDP reply to {}: {} (KRB_ERR_RESPONSE_TOO_BIG)",
                peer == null ? "-" : peer.getAddress().getHostAddress(), text);
        return errors.encode(new KdcFailure(FailureReason.RESPONSE_TOO_BIG, text), null, clock.instant());
    }
}
