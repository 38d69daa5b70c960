package dev.pkinitkdc.mapping;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.CompletableFuture.failedFuture;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.mapping.altsec.CertificateIdentity;
import dev.pkinitkdc.mapping.directory.AccountLookup;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import dev.pkinitkdc.mapping.rules.CertificateMappingRule;
import dev.pkinitkdc.mapping.rules.RuleEvaluation;
import dev.pkinitkdc.mapping.rules.RuleMatch;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * MS-PKCA 3.1.5.2.1 with a username hint: find the account the hint names (at most two indexed searches, which
 * read every attribute the decision needs), then the certificate must name that same account by one of the rules
 * (the first rule that does wins; else CLIENT_NAME_MISMATCH). Everything else is compared locally.
 */
final class HintedMapping {
    private final AccountSearch search;
    private final MappingDecision decision;

    HintedMapping(AccountSearch search, MappingDecision decision) {
        this.search = search;
        this.decision = decision;
    }

    CompletionStage<AccountMapping> map(CertificateIdentity cert, ClientNameHint hint, List<AccountLookup> lookups) {
        MappingTrace.Recorder trace = new MappingTrace.Recorder();
        trace.add(MappingStep.Kind.HINT, "hint " + hint + " is a " + hint.kind());
        String name = hint.components().get(0);
        return search.firstFound(lookups, trace).thenCompose(accounts -> {
            if (accounts.isEmpty()) {
                return failedFuture(MappingDecision.refuse(FailureReason.CLIENT_UNKNOWN, "no account for " + name
                        + " (looked up " + String.join(", ", lookups.stream().map(AccountLookup::describe).toList())
                        + ")", trace));
            }
            if (accounts.size() > 1) {
                return failedFuture(MappingDecision.refuse(FailureReason.CLIENT_NOT_UNIQUE, name + " names "
                        + accounts.size() + " accounts: " + AccountSearch.describe(accounts), trace));
            }
            return matchCertificate(cert, name, accounts.get(0), trace);
        });
    }

    private CompletionStage<AccountMapping> matchCertificate(CertificateIdentity cert, String hint,
                                                             DirectoryAccount account, MappingTrace.Recorder trace) {
        Map<CertificateMappingRule, RuleEvaluation> evaluations = decision.evaluate(cert, account);
        evaluations.forEach((rule, e) -> MappingDecision.trace(rule, e, trace));
        Optional<RuleMatch> winner = MappingDecision.first(evaluations);
        try {
            if (winner.isEmpty()) {
                throw MappingDecision.refuse(FailureReason.CLIENT_NAME_MISMATCH, "the certificate names "
                        + decision.namesIn(cert) + " but the hint " + hint + " found account " + account.describe()
                        + " which it does not map to", trace);
            }
            return completedFuture(decision.accept(cert, account, winner.get(), evaluations, trace));
        } catch (MappingRefusal refusal) {
            return failedFuture(refusal);
        }
    }
}
