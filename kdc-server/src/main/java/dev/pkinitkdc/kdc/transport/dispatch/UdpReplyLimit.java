package dev.pkinitkdc.kdc.transport.dispatch;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.stage.encode.KrbErrorEncoder;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 4120 7.2.1: a reply that does not fit in one UDP datagram of at most {@code maxReply} bytes is replaced by
 * KRB_ERR_RESPONSE_TOO_BIG, and the client retries over TCP (MIT and Heimdal do; the same request bytes then get
 * the full reply from the lookaside cache). A PKINIT AS-REP carries the KDC's certificate chain and rarely fits.
 * The last stage of {@link KdcDispatch}, as in MIT's dispatch.c (finish_dispatch), after the lookaside cache
 * has kept the whole reply.
 */
public final class UdpReplyLimit {
    private static final Logger LOG = LoggerFactory.getLogger(UdpReplyLimit.class);

    /** A reply replaced: why, and the KRB-ERROR sent instead. */
    public record Replaced(KdcFailure failure, byte[] krbError) {
    }

    private final int maxReply;
    private final KrbErrorEncoder errors;
    private final Clock clock;

    public UdpReplyLimit(int maxReply, KrbErrorEncoder errors, Clock clock) {
        this.maxReply = maxReply;
        this.errors = errors;
        this.clock = clock;
    }

    /** The KRB_ERR_RESPONSE_TOO_BIG that replaces {@code reply}, if it goes over UDP and does not fit. */
    public Optional<Replaced> check(InetSocketAddress peer, Transport transport, byte[] reply) {
        if (transport != Transport.UDP || reply.length <= maxReply) {
            return Optional.empty();
        }
        String text = "reply of " + reply.length + " bytes exceeds the UDP limit of " + maxReply + " bytes; use TCP";
        LOG.info("UDP reply to {}: {} (KRB_ERR_RESPONSE_TOO_BIG)",
                peer == null ? "-" : peer.getAddress().getHostAddress(), text);
        KdcFailure failure = new KdcFailure(FailureReason.RESPONSE_TOO_BIG, text);
        return Optional.of(new Replaced(failure, errors.encode(failure, null, clock.instant())));
    }
}
