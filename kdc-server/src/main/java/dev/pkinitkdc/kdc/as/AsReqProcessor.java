package dev.pkinitkdc.kdc.as;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.failure.LogText;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.AuditFacts;
import dev.pkinitkdc.kdc.request.AuditRecord;
import dev.pkinitkdc.kdc.stage.decode.AsReqDecoder;
import dev.pkinitkdc.kdc.stage.encode.KrbErrorCodes;
import dev.pkinitkdc.kdc.stage.encode.KrbErrorEncoder;
import dev.pkinitkdc.kdc.stage.issue.TgtIssuer;
import dev.pkinitkdc.kdc.stage.map.AccountMappingStage;
import dev.pkinitkdc.kdc.stage.preauth.PreauthMechanisms;
import dev.pkinitkdc.kdc.stage.revocation.RevocationStage;
import dev.pkinitkdc.kdc.stage.trust.CertificatePathValidator;
import dev.pkinitkdc.kdc.support.telemetry.KdcTelemetry;
import dev.pkinitkdc.kdc.support.telemetry.NoisyRefusals;
import dev.pkinitkdc.mapping.MappingRefusal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AS-REQ from bytes to reply bytes, stage by stage (the shape of MIT krb5's do_as_req.c): decode,
 * pre-authenticate, validate (path, then revocation), map, issue, encode. CPU stages run on the worker executor,
 * the revocation check completes when its sources answer and the directory search on the mapper's executor: no
 * thread waits for their I/O, and no stage runs on a network event loop. Any failure becomes a KRB-ERROR here, and every
 * request leaves one audit line (JSON, {@link KdcTelemetry}) and its metrics.
 */
public final class AsReqProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(AsReqProcessor.class);

    /** A step that answers now: from the state it is given to the next, or a refusal. */
    @FunctionalInterface
    interface Step<A extends AsExchange, B> {
        B apply(A exchange) throws KdcFailure;
    }

    /**
     * The answer to a UDP datagram that is tagged as a KDC-REQ but does not decode: none, as MIT's krb5kdc. Its
     * source may be forged, and a KRB-ERROR several times its size would make the KDC an amplifier.
     */
    public static final byte[] NO_REPLY = new byte[0];

    private final AsReqDecoder decoder;
    private final PreauthMechanisms preauth;
    private final CertificatePathValidator validator;
    private final RevocationStage revocation;
    private final AccountMappingStage mapping;
    private final TgtIssuer issuer;
    private final KrbErrorEncoder errors;
    private final WorkerHandoff handoff;
    private final Clock clock;
    private final KdcTelemetry telemetry;

    public AsReqProcessor(AsReqDecoder decoder, PreauthMechanisms preauth, CertificatePathValidator validator,
                         RevocationStage revocation, AccountMappingStage mapping, TgtIssuer issuer,
                         KrbErrorEncoder errors, Executor workers, Clock clock, KdcTelemetry telemetry) {
        this.decoder = decoder;
        this.preauth = preauth;
        this.validator = validator;
        this.revocation = revocation;
        this.mapping = mapping;
        this.issuer = issuer;
        this.errors = errors;
        this.handoff = new WorkerHandoff(workers);
        this.clock = clock;
        this.telemetry = telemetry;
    }

    /**
     * Never completes exceptionally: a refusal completes with the KRB-ERROR bytes, or {@link #NO_REPLY} for an
     * undecodable UDP datagram.
     */
    public CompletableFuture<byte[]> handle(InetSocketAddress peer, Transport transport, byte[] wire) {
        AsExchange.Received start = revocation.received(AsExchange.received(peer, transport, clock.instant(), wire));
        // the whole chain is attached before the first step is queued, so none runs on the caller's event loop
        CompletableFuture<AsExchange.Received> received = new CompletableFuture<>();
        CompletableFuture<byte[]> answer = received
                .thenApplyAsync(x -> now(AsStep.DECODE, x, decoder::decode), handoff::toWorker)
                .thenCompose(x -> later(AsStep.PREAUTH, x, preauth::verify))   // a mechanism may complete later
                .thenCompose(x -> later(AsStep.VALIDATE, x, v -> validator.apply(v, handoff::toWorker)))
                .thenCompose(x -> later(AsStep.REVOCATION, x, r -> revocation.apply(r).thenApply(
                        checked -> now(AsStep.REVOCATION, checked.exchange(), c -> checked.allowedOrThrow()))))
                .thenCompose(x -> later(AsStep.MAP, x, mapping::apply))
                .thenApplyAsync(x -> now(AsStep.ISSUE, x, issuer::issue), handoff::stayOnWorker)
                .handle((issued, error) -> error == null ? succeeded(issued) : refused(error, start));
        received.complete(start);
        return answer;
    }

    private byte[] succeeded(TgtIssuer.Issued issued) {
        answered(issued.exchange().audit().with(AuditFacts.Outcome.ok()), 0, issued.exchange());
        return issued.asRep();
    }

    /**
     * The encode stage for refusals: one KRB-ERROR (none for an undecodable UDP datagram), one log line saying why
     * and one audit line; for a request refused before its certificate was validated, only while
     * {@link KdcTelemetry#inFull} allows, else a summary later. {@code start} answers for a failure outside every
     * step (a worker pool that refused the task).
     */
    private byte[] refused(Throwable error, AsExchange start) {
        AsRefusal refusal = AsRefusal.from(AsStep.DECODE, start, error);
        AsExchange exchange = refusal.exchange();
        KdcFailure failure = refusal.failure();
        int code = KrbErrorCodes.codeFor(failure.reason());
        AsStep step = refusal.step();
        // noise anyone can send at line rate, without a trusted card, gets a line of its own only up to a rate (in
        // all and per source), then a summary a minute; from the validated certificate on, every line is written
        boolean inFull = noise(step).map(kind -> telemetry.inFull(kind, peerAddress(exchange))).orElse(true);
        if (refusal.unexpected() && inFull) {
            LOG.warn("AS-REQ from {} failed unexpectedly", peerOf(exchange), refusal.getCause());
        }
        if (failure.reason() == FailureReason.PREAUTH_REQUIRED) {
            LOG.debug("AS-REQ from {}: pre-authentication required", peerOf(exchange));
        } else if (inFull) {
            // the text quotes the client's names, realm and certificate: escaped, so it cannot forge a line
            LOG.info("AS-REQ from {} refused with {} ({}): {}", peerOf(exchange), code, failure.reason(),
                    LogText.escape(failure.text()));
        }
        if (inFull) {
            AuditRecord facts = failure instanceof MappingRefusal mapped
                    ? AccountMappingStage.refused(exchange.audit(), mapped.trace()) : exchange.audit();
            answered(facts.with(AuditFacts.Outcome.refused(code, failure.reason().name(), failure.text(),
                    errors.eText(failure), step.auditName())), code, exchange);
        } else {
            telemetry.counted(code, Duration.between(exchange.received(), Instant.now(clock)));
        }
        if (failure.reason() == FailureReason.MALFORMED_REQUEST && step == AsStep.DECODE
                && exchange.transport() == Transport.UDP) {
            return NO_REPLY;
        }
        return errors.encode(failure, exchange.decodedRequest().orElse(null), clock.instant());
    }

    /** Which kind of noise a refusal is, if it came before the client's certificate was validated. */
    private static Optional<NoisyRefusals.Kind> noise(AsStep step) {
        if (step == AsStep.DECODE) {
            return Optional.of(NoisyRefusals.Kind.UNDECODABLE);
        }
        return step.beforeValidation() ? Optional.of(NoisyRefusals.Kind.UNAUTHENTICATED) : Optional.empty();
    }

    /** The audit line and metrics of one answer: {@code code} 0 for an AS-REP, else the KRB-ERROR number. */
    private void answered(AuditRecord record, int code, AsExchange exchange) {
        Duration latency = Duration.between(exchange.received(), Instant.now(clock));
        telemetry.answered(record.with(new AuditFacts.Timing(latency.toMillis())), code, latency);
    }

    private static InetAddress peerAddress(AsExchange exchange) {
        return exchange.peer() == null ? null : exchange.peer().getAddress();
    }

    private static String peerOf(AsExchange exchange) {
        return exchange.peer() == null ? "-" : exchange.peer().getAddress().getHostAddress();
    }

    /** A step that answers now: its refusal carries the exchange it was given. */
    private static <A extends AsExchange, B> B now(AsStep step, A exchange, Step<A, B> stage) {
        try {
            return stage.apply(exchange);
        } catch (KdcFailure | RuntimeException f) {
            throw AsRefusal.of(step, exchange, f);
        }
    }

    /** A step that may complete later: its refusal, whenever it comes, carries the exchange it was given. */
    private static <A extends AsExchange, B> CompletionStage<B> later(AsStep step, A exchange,
                                                                      Function<A, CompletionStage<B>> stage) {
        CompletionStage<B> next;
        try {
            next = stage.apply(exchange);
        } catch (RuntimeException e) {
            next = CompletableFuture.failedFuture(e);
        }
        return next.handle((done, error) -> {
            if (error != null) {
                throw AsRefusal.of(step, exchange, error);
            }
            return done;
        });
    }
}
