package dev.pkinitkdc.mapping;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.mapping.account.AccountAttributes;
import dev.pkinitkdc.mapping.account.AccountState;
import dev.pkinitkdc.mapping.altsec.CertificateIdentity;
import dev.pkinitkdc.mapping.method.MappingMethod;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * KB5014754 for one certificate and the account it mapped to: a SID the certificate carries (SID extension or
 * SAN URI) must be the account's objectSid, whatever the enforcement (else 66); the mapping is strong when the
 * method is strong, a strong altSecurityIdentities value of the account matches, or the certificate's SID is
 * objectSid; a weak mapping is then judged by {@link StrongMappingEnforcement}.
 */
final class StrongMappingCheck {
    /** Strong or not, or the reason and text for KDC_ERR_CERTIFICATE_MISMATCH. */
    record Outcome(boolean strong, Optional<String> refusal) {
    }

    private final MappingPolicy policy;

    StrongMappingCheck(MappingPolicy policy) {
        this.policy = policy;
    }

    static final FailureReason REFUSAL = FailureReason.CERTIFICATE_MISMATCH;

    Outcome check(CertificateIdentity cert, AccountAttributes account, AccountState state,
                  MappingMethod method, List<MappingMethod> otherMatches, MappingTrace.Recorder trace) {
        Optional<String> sid = account.objectSid();
        List<String> certSids = cert.sids();
        boolean sidMatches = false;
        if (!certSids.isEmpty()) {
            List<String> others = certSids.stream().filter(s -> sid.map(o -> !o.equalsIgnoreCase(s)).orElse(true))
                    .toList();
            if (!others.isEmpty()) {
                return refused(trace, "the certificate carries SID " + String.join(", ", others) + " but the account's"
                        + " objectSid is " + sid.orElse("absent") + " (KB5014754: always refused)");
            }
            sidMatches = true;
            trace.add(MappingStep.Kind.STRENGTH, "the certificate's SID " + certSids.get(0) + " is the objectSid");
        }
        Optional<MappingMethod> strongMethod = method.strong() ? Optional.of(method)
                : otherMatches.stream().filter(MappingMethod::strong).findFirst();
        if (sidMatches || strongMethod.isPresent()) {
            trace.add(MappingStep.Kind.STRENGTH, "strong mapping ("
                    + strongMethod.map(m -> "method " + m).orElse("SID") + ")");
            return new Outcome(true, Optional.empty());
        }
        return switch (policy.enforcement()) {
            case OFF -> weakAllowed(trace, "enforcement OFF allows weak mappings");
            case FULL -> refused(trace, "only a weak mapping (" + method + ") and enforcement is FULL: a strong "
                    + "mapping (<I><SR>, <SKI>, <SHA1-PUKEY>, <I><SID> or the SID extension) is required");
            case COMPATIBILITY -> compatibility(cert, state, method, trace);
        };
    }

    /** KB5014754 compatibility mode: weak is allowed unless the certificate predates the account. */
    private Outcome compatibility(CertificateIdentity cert, AccountState state, MappingMethod method,
                                  MappingTrace.Recorder trace) {
        if (state.whenCreated().isEmpty()) {
            return refused(trace, "weak mapping (" + method + ") in COMPATIBILITY mode and the account's"
                    + " whenCreated is unknown, so the certificate cannot be shown not to predate it");
        }
        Instant created = state.whenCreated().get();
        Instant limit = created.minus(policy.backdatingCompensation());
        Instant notBefore = cert.certificate().getNotBefore().toInstant();
        if (notBefore.isBefore(limit)) {
            return refused(trace, "weak mapping (" + method + ") and the certificate's notBefore " + notBefore
                    + " predates the account's whenCreated " + created + " minus the backdating compensation "
                    + policy.backdatingCompensation());
        }
        return weakAllowed(trace, "COMPATIBILITY allows this weak mapping: notBefore " + notBefore
                + " is not before whenCreated " + created + " minus " + policy.backdatingCompensation());
    }

    private static Outcome weakAllowed(MappingTrace.Recorder trace, String why) {
        trace.add(MappingStep.Kind.STRENGTH, "weak mapping accepted: " + why);
        return new Outcome(false, Optional.empty());
    }

    private static Outcome refused(MappingTrace.Recorder trace, String why) {
        trace.add(MappingStep.Kind.STRENGTH, why);
        return new Outcome(false, Optional.of(why));
    }
}
