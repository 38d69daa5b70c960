package dev.pkinitkdc.kdc.transport.dispatch;

import dev.pkinitkdc.conf.RequestLimits;
import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.stage.encode.KrbErrorEncoder;
import dev.pkinitkdc.kdc.support.ThrottledLog;
import dev.pkinitkdc.kdc.support.netty.SourceQuota;
import dev.pkinitkdc.kdc.support.telemetry.TransportCounts;
import dev.pkinitkdc.kdc.transport.KdcRequestHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load shedding in front of everything else: at most {@code max_pending_requests} requests are taken at once, and
 * at most {@code max_pending_requests_per_source} from one source, so the worker queue is bounded (each request
 * taken has at most one task queued) and a flooding source holds only its own share of it. A request past a cap
 * is answered at once with KDC_ERR_SVC_UNAVAILABLE (29) and no stage runs: MIT's and Heimdal's clients take 29 as
 * "try the next KDC". The KRB-ERROR is about 100 bytes, less than a PKINIT AS-REQ (a certificate and a signature),
 * so answering a forged UDP source reflects nothing larger than what was sent.
 *
 * <p>It sits before the lookaside cache, so the cache never keeps a 29 for a retransmission to find.
 */
public final class RequestAdmission implements KdcRequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RequestAdmission.class);
    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private final KdcRequestHandler next;
    private final RequestLimits limits;
    private final SourceQuota pending;
    private final KrbErrorEncoder errors;
    private final Clock clock;
    private final TransportCounts counts;
    private final ThrottledLog log = new ThrottledLog(LOG, LOG_INTERVAL);

    public RequestAdmission(KdcRequestHandler next, RequestLimits limits, KrbErrorEncoder errors, Clock clock,
                            TransportCounts counts) {
        this.next = next;
        this.limits = limits;
        this.pending = new SourceQuota(limits.maxPendingRequests(), limits.maxPendingRequestsPerSource());
        this.errors = errors;
        this.clock = clock;
        this.counts = counts;
    }

    @Override
    public CompletableFuture<byte[]> handle(InetSocketAddress peer, Transport transport, byte[] request) {
        InetAddress source = SourceQuota.source(peer);
        SourceQuota.Verdict verdict = pending.take(source);
        if (verdict != SourceQuota.Verdict.TAKEN) {
            return CompletableFuture.completedFuture(shed(verdict, peer, transport));
        }
        CompletableFuture<byte[]> reply;
        try {
            reply = next.handle(peer, transport, request);
        } catch (RuntimeException e) {
            pending.release(source);
            throw e;
        }
        reply.whenComplete((bytes, error) -> pending.release(source));
        return reply;
    }

    private byte[] shed(SourceQuota.Verdict verdict, InetSocketAddress peer, Transport transport) {
        boolean full = verdict == SourceQuota.Verdict.FULL;
        counts.shed(full ? TransportCounts.Shed.QUEUE_FULL : TransportCounts.Shed.SOURCE_BUSY);
        log.info("{} request from {} answered with 29 (KDC_ERR_SVC_UNAVAILABLE) unprocessed: {} ({}) reached",
                transport.scheme(), peer == null ? "-" : peer.getAddress().getHostAddress(),
                full ? "max_pending_requests" : "max_pending_requests_per_source",
                full ? limits.maxPendingRequests() : limits.maxPendingRequestsPerSource());
        return errors.encode(new KdcFailure(FailureReason.OVERLOADED, "the KDC is busy; try again or another KDC"),
                null, clock.instant());
    }

    /** Requests taken and not yet answered. */
    public int pending() {
        return pending.total();
    }
}
