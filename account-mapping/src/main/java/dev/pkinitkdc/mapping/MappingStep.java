package dev.pkinitkdc.mapping;

import dev.pkinitkdc.mapping.method.MappingMethod;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a mapping decision, for {@code explain} and the log: what was done (kind), by which method, whether
 * that method's find is strong or weak (KB5014754), and a sentence.
 */
public record MappingStep(Kind kind, Optional<MappingMethod> method, Optional<Boolean> strong, String text) {
    public enum Kind {
        /** How the cname was read. */
        HINT,
        /** A directory search and what it returned. */
        SEARCH,
        /** A mapping method and what it found. */
        METHOD,
        /** A stored altSecurityIdentities value that could not be parsed and was skipped. */
        SKIPPED_VALUE,
        /** The strong mapping decision (SID, enforcement). */
        STRENGTH,
        /** The account's state (disabled, expired, locked out). */
        ACCOUNT_STATE,
        /** The final account. */
        ACCEPTED,
        /** The final refusal and its reason. */
        REFUSED
    }

    public MappingStep {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(method);
        Objects.requireNonNull(strong);
        Objects.requireNonNull(text);
    }

    static MappingStep of(Kind kind, String text) {
        return new MappingStep(kind, Optional.empty(), Optional.empty(), text);
    }

    static MappingStep method(MappingMethod method, String text) {
        return new MappingStep(Kind.METHOD, Optional.of(method), Optional.of(method.strong()), text);
    }

    /** e.g. {@code METHOD ALT_ISSUER_SERIAL (strong): ...} */
    public String describe() {
        return kind + method.map(m -> " " + m).orElse("")
                + strong.map(s -> s ? " (strong)" : " (weak)").orElse("") + ": " + text;
    }
}
