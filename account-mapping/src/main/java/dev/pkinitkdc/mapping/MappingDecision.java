package dev.pkinitkdc.mapping;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.mapping.account.AccountAttributes;
import dev.pkinitkdc.mapping.account.AccountState;
import dev.pkinitkdc.mapping.altsec.CertificateIdentity;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import dev.pkinitkdc.mapping.method.MappingMethod;
import dev.pkinitkdc.mapping.rules.CertificateMappingRule;
import dev.pkinitkdc.mapping.rules.RuleEvaluation;
import dev.pkinitkdc.mapping.rules.RuleMatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The steps shared by the hinted and unhinted mappings once candidate accounts are known: evaluating every rule
 * against an account (tracing what each found), then, for the chosen account, KB5014754's strength check and
 * MS-KILE 3.3.5.7.1's account state.
 */
final class MappingDecision {
    private final List<CertificateMappingRule> rules;
    private final MappingPolicy policy;
    private final StrongMappingCheck strength;

    MappingDecision(List<CertificateMappingRule> rules, MappingPolicy policy) {
        this.rules = List.copyOf(rules);
        this.policy = policy;
        this.strength = new StrongMappingCheck(policy);
    }

    List<CertificateMappingRule> rules() {
        return rules;
    }

    /** Each rule's evaluation of the account, in rule order. */
    Map<CertificateMappingRule, RuleEvaluation> evaluate(CertificateIdentity cert, DirectoryAccount account) {
        Map<CertificateMappingRule, RuleEvaluation> out = new LinkedHashMap<>();
        rules.forEach(rule -> out.put(rule, rule.evaluate(cert, account)));
        return out;
    }

    /** Traces one rule's evaluation of one account. */
    static void trace(CertificateMappingRule rule, RuleEvaluation e, MappingTrace.Recorder trace) {
        e.skipped().forEach(s -> trace.add(MappingStep.Kind.SKIPPED_VALUE, rule.name() + ": skipped unparseable " + s));
        e.matches().forEach(m -> trace.add(MappingStep.method(m.method(), "found: " + m.how())));
        if (!e.found()) {
            trace.add(MappingStep.Kind.METHOD, rule.name() + ": found nothing ("
                    + String.join("; ", e.misses()) + ")");
        }
    }

    /** The first match of the first rule that names the account. */
    static Optional<RuleMatch> first(Map<CertificateMappingRule, RuleEvaluation> evaluations) {
        return evaluations.values().stream().filter(RuleEvaluation::found).map(e -> e.matches().get(0)).findFirst();
    }

    /** Strength and account state for the account the first method found. */
    AccountMapping accept(CertificateIdentity cert, DirectoryAccount account, RuleMatch winner,
                          Map<CertificateMappingRule, RuleEvaluation> evaluations, MappingTrace.Recorder trace)
            throws MappingRefusal {
        trace.add(MappingStep.method(winner.method(), "first method to name the account wins: " + account.dn()));
        AccountAttributes attributes = new AccountAttributes(account);
        AccountState state = AccountState.of(attributes, policy.clock().instant(), policy.lockoutDuration());
        List<MappingMethod> others = new ArrayList<>();
        evaluations.values().forEach(e -> e.matches().forEach(m -> others.add(m.method())));
        StrongMappingCheck.Outcome outcome = strength.check(cert, attributes, state, winner.method(), others, trace);
        if (outcome.refusal().isPresent()) {
            throw refuse(FailureReason.CERTIFICATE_MISMATCH, outcome.refusal().get(), trace);
        }
        trace.add(MappingStep.Kind.ACCOUNT_STATE, state.describe());
        if (state.disabled()) {
            throw refuse(FailureReason.ACCOUNT_DISABLED, account.dn() + " is disabled", trace);
        }
        if (state.expired()) {
            throw refuse(FailureReason.ACCOUNT_EXPIRED, account.dn() + " has expired (accountExpires)", trace);
        }
        if (state.lockedOut()) {
            throw refuse(FailureReason.ACCOUNT_LOCKED_OUT, account.dn() + " is locked out", trace);
        }
        trace.add(MappingStep.Kind.ACCEPTED, account.describe() + " by " + winner.method() + ", "
                + (outcome.strong() ? "strong" : "weak"));
        return new AccountMapping(account, winner.method(), outcome.strong(), state, trace.snapshot());
    }

    static MappingRefusal refuse(FailureReason reason, String text, MappingTrace.Recorder trace) {
        trace.add(MappingStep.Kind.REFUSED, reason + ": " + text);
        return new MappingRefusal(reason, text, trace.snapshot());
    }

    /** The names the certificate carries, for error texts. */
    String namesIn(CertificateIdentity cert) {
        List<String> names = rules.stream().flatMap(r -> r.namesIn(cert).stream()).toList();
        return names.isEmpty() ? "no UPN, id-pkinit-san or dNSName" : String.join(", ", names);
    }
}
