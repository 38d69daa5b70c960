package dev.pkinitkdc.kdc.as;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AsExchange;
import java.util.concurrent.CompletionException;

/**
 * A step's refusal with what the exchange had established when it refused: the step, the exchange as that step
 * saw it (its audit facts so far) and the failure. It travels the future chain to the one place that turns it into
 * a KRB-ERROR, so the refusal path needs no record of the latest exchange beside the chain.
 */
final class AsRefusal extends RuntimeException {
    private final AsStep step;
    private final transient AsExchange exchange;
    private final KdcFailure failure;

    private AsRefusal(AsStep step, AsExchange exchange, KdcFailure failure, Throwable cause) {
        super("refused at " + step.auditName(), cause, false, false);
        this.step = step;
        this.exchange = exchange;
        this.failure = failure;
    }

    /**
     * {@code error} as the refusal of {@code step} on {@code exchange}, to throw from a future stage; a refusal made
     * by an earlier step passes unchanged. Anything but a {@link KdcFailure} is an internal error (kept as the
     * cause, for the log).
     */
    static CompletionException of(AsStep step, AsExchange exchange, Throwable error) {
        return new CompletionException(from(step, exchange, error));
    }

    /** {@code error} as a refusal: the one it carries, else the refusal of {@code step} on {@code exchange}. */
    static AsRefusal from(AsStep step, AsExchange exchange, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof AsRefusal refusal) {
            return refusal;
        }
        KdcFailure failure = cause instanceof KdcFailure f ? f
                : new KdcFailure(FailureReason.INTERNAL_ERROR, "internal error (" + cause.getClass().getName() + ")");
        return new AsRefusal(step, exchange, failure, cause);
    }

    AsStep step() {
        return step;
    }

    AsExchange exchange() {
        return exchange;
    }

    KdcFailure failure() {
        return failure;
    }

    /** Whether the step failed unexpectedly (a bug, not a refusal): the cause is then not the failure. */
    boolean unexpected() {
        return getCause() != failure;
    }
}
