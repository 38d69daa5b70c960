package dev.pkinitkdc.kdc.as;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.kdc.request.AsExchange;
import java.util.Set;

/**
 * The audit line's {@code refused_at}: the name of the stage that refused a request, read off what the exchange had
 * established by then. Not a stage itself.
 */
final class RefusedAt {
    private static final Set<FailureReason> REVOCATION = Set.of(FailureReason.REVOKED_CERTIFICATE,
            FailureReason.REVOCATION_STATUS_UNKNOWN, FailureReason.REVOCATION_STATUS_UNAVAILABLE);

    private RefusedAt() {
    }

    /** {@code decode}, {@code preauth}, {@code validate}, {@code revocation}, {@code map} or {@code issue}. */
    static String of(AsExchange exchange, FailureReason reason) {
        if (exchange.request() == null) {
            return "decode";
        }
        if (exchange.preauth() == null) {
            return "preauth";
        }
        if (exchange.certificate() == null) {
            return "validate";
        }
        if (REVOCATION.contains(reason)) {
            return "revocation";
        }
        return exchange.mapping() == null ? "map" : "issue";
    }
}
