package dev.pkinitkdc.mapping;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import java.util.Objects;

/** A mapping refused (MS-PKCA 3.1.5.2.1, KB5014754, MS-KILE 3.3.5.7.1), with the trace of how it was decided. */
public final class MappingRefusal extends KdcFailure {
    private final transient MappingTrace trace;

    public MappingRefusal(FailureReason reason, String text, MappingTrace trace) {
        super(reason, text);
        this.trace = Objects.requireNonNull(trace);
    }

    public MappingTrace trace() {
        return trace;
    }
}
