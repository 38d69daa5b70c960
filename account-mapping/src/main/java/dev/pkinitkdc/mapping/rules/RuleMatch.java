package dev.pkinitkdc.mapping.rules;

import dev.pkinitkdc.mapping.method.MappingMethod;
import java.util.Objects;

/** The certificate names the account by this method; {@code how} says with which value, for the trace. */
public record RuleMatch(MappingMethod method, String how) {
    public RuleMatch {
        Objects.requireNonNull(method);
        Objects.requireNonNull(how);
    }
}
