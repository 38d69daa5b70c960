package dev.pkinitkdc.kdc.tgs;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.failure.LogText;
import dev.pkinitkdc.kdc.request.AuditFacts;
import dev.pkinitkdc.kdc.request.AuditRecord;
import dev.pkinitkdc.kdc.request.TgsExchange;
import dev.pkinitkdc.kdc.stage.encode.KrbErrorCodes;
import dev.pkinitkdc.kdc.stage.encode.KrbErrorEncoder;
import dev.pkinitkdc.kdc.stage.issue.KrbtgtKeys;
import dev.pkinitkdc.kdc.stage.issue.ServiceKeys;
import dev.pkinitkdc.kdc.stage.issue.ServiceTicketIssuer;
import dev.pkinitkdc.kdc.support.telemetry.KdcTelemetry;
import dev.pkinitkdc.kdc.support.telemetry.NoisyRefusals;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TGS-REQ from bytes to reply bytes (RFC 4120 3.3; the shape of MIT krb5's do_tgs_req.c): decode, verify the
 * PA-TGS-REQ, find the service, issue and encode the TGS-REP. Every step is CPU work and runs on the worker
 * executor, never on a network event loop. Any refusal becomes a KRB-ERROR in {@link #refused}, with one log line
 * and one audit line.
 */
public final class TgsReqProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(TgsReqProcessor.class);
    /** The answer to an undecodable UDP datagram: none, as for an AS-REQ (no amplification of forged sources). */
    private static final byte[] NO_REPLY = new byte[0];

    private final TgsReqDecoder decoder;
    private final PaTgsReqVerifier verifier;
    private final ServiceKeys services;
    private final List<Enctype> allowed;
    private final ServiceTicketIssuer issuer;
    private final KrbErrorEncoder errors;
    private final Executor workers;
    private final Clock clock;
    private final KdcTelemetry telemetry;

    /**
     * @param allowed the enctypes the KDC issues keys in ({@code [kdc] enctypes})
     * @param skew the clock skew allowed for authenticators and ticket times
     * @param replays the authenticator replay cache, kept across reloads
     */
    public TgsReqProcessor(String realm, KrbtgtKeys krbtgt, ServiceKeys services, List<Enctype> allowed,
                           Duration skew, AuthenticatorReplayCache replays, ServiceTicketIssuer issuer,
                           KrbErrorEncoder errors, Executor workers, Clock clock, KdcTelemetry telemetry) {
        this.decoder = new TgsReqDecoder(realm);
        this.verifier = new PaTgsReqVerifier(realm, krbtgt, skew, replays, clock);
        this.services = services;
        this.allowed = List.copyOf(allowed);
        this.issuer = issuer;
        this.errors = errors;
        this.workers = workers;
        this.clock = clock;
        this.telemetry = telemetry;
    }

    /** Never completes exceptionally: a refusal completes with the KRB-ERROR bytes (none for a bad UDP datagram). */
    public CompletableFuture<byte[]> handle(InetSocketAddress peer, Transport transport, byte[] wire) {
        TgsExchange.Received start = TgsExchange.received(peer, transport, clock.instant(), wire);
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        try {
            workers.execute(() -> answer.complete(run(start)));
        } catch (RejectedExecutionException e) {
            answer.complete(refused(new Refusal(TgsStep.DECODE, start,
                    new KdcFailure(FailureReason.OVERLOADED, "the worker pool refused the TGS-REQ"), e)));
        }
        return answer;
    }

    /** The steps in order; each takes the state the one before established. */
    private byte[] run(TgsExchange.Received start) {
        TgsStep step = TgsStep.DECODE;
        TgsExchange state = start;
        try {
            TgsExchange.Decoded decoded = decoder.decode(start);
            step = TgsStep.AUTHENTICATE;
            state = decoded;
            TgsExchange.Authenticated authenticated = verifier.verify(decoded);
            step = TgsStep.SERVICE;
            state = authenticated;
            TgsExchange.Served served = authenticated.served(services.find(decoded.request().sname(), allowed,
                    decoded.request().etypes()), authenticated.audit());
            step = TgsStep.ISSUE;
            state = served;
            ServiceTicketIssuer.Issued issued = issuer.issue(served);
            answered(issued.audit().with(AuditFacts.Outcome.ok()), 0, start);
            return issued.tgsRep();
        } catch (KdcFailure f) {
            return refused(new Refusal(step, state, f, f));
        } catch (RuntimeException e) {
            return refused(new Refusal(step, state,
                    new KdcFailure(FailureReason.INTERNAL_ERROR, "internal error (" + e.getClass().getName() + ")"), e));
        }
    }

    /** A step's refusal with the state that step was given; {@code cause} is not the failure when unexpected. */
    private record Refusal(TgsStep step, TgsExchange exchange, KdcFailure failure, Throwable cause) {
    }

    /**
     * The encode step for refusals: one KRB-ERROR (none for an undecodable UDP datagram), one log line and one audit
     * line; refusals before the PA-TGS-REQ verified are noise anyone can send, written in full only up to a rate.
     */
    private byte[] refused(Refusal refusal) {
        TgsExchange exchange = refusal.exchange();
        KdcFailure failure = refusal.failure();
        int code = KrbErrorCodes.codeFor(failure.reason());
        InetSocketAddress peer = exchange.arrival().peer();
        NoisyRefusals.Kind kind = refusal.step() == TgsStep.DECODE ? NoisyRefusals.Kind.UNDECODABLE
                : NoisyRefusals.Kind.UNAUTHENTICATED;
        boolean inFull = refusal.step().compareTo(TgsStep.SERVICE) >= 0
                || telemetry.inFull(kind, peer == null ? null : peer.getAddress());
        String from = peer == null ? "-" : peer.getAddress().getHostAddress();
        if (refusal.cause() != failure && inFull) {
            LOG.warn("TGS-REQ from {} failed unexpectedly", from, refusal.cause());
        }
        if (inFull) {
            LOG.info("TGS-REQ from {} refused with {} ({}): {}", from, code, failure.reason(),
                    LogText.escape(failure.text()));
            answered(exchange.audit().with(AuditFacts.Outcome.refused(code, failure.reason().name(), failure.text(),
                    errors.eText(failure), refusal.step().auditName())), code, exchange);
        } else {
            telemetry.counted(code, Duration.between(exchange.arrival().received(), Instant.now(clock)));
        }
        if (failure.reason() == FailureReason.MALFORMED_REQUEST && refusal.step() == TgsStep.DECODE
                && exchange.arrival().transport() == Transport.UDP) {
            return NO_REPLY;
        }
        return errors.encode(failure, null, clock.instant());
    }

    /** The audit line and metrics of one answer: {@code code} 0 for a TGS-REP, else the KRB-ERROR number. */
    private void answered(AuditRecord record, int code, TgsExchange exchange) {
        Duration latency = Duration.between(exchange.arrival().received(), Instant.now(clock));
        telemetry.answered(record.with(new AuditFacts.Timing(latency.toMillis())), code, latency);
    }
}
