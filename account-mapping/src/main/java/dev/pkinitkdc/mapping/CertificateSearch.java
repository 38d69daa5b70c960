package dev.pkinitkdc.mapping;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.CompletableFuture.failedFuture;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.mapping.altsec.CertificateIdentity;
import dev.pkinitkdc.mapping.directory.AccountCriterion;
import dev.pkinitkdc.mapping.directory.AccountLookup;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import dev.pkinitkdc.mapping.rules.CertificateMappingRule;
import dev.pkinitkdc.mapping.rules.RuleEvaluation;
import dev.pkinitkdc.mapping.rules.RuleMatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * MS-PKCA 3.1.5.2.1 without a usable hint: one OR-filter search for every name the certificate carries, then
 * each rule decides locally which found accounts it names. The first rule (in order) that names an account wins;
 * if it names several, or a later rule names a different account, the certificate names more than one principal
 * and the request is refused with CLIENT_NOT_UNIQUE (KDC_ERR_PRINCIPAL_NOT_UNIQUE: REFERENCE.md "without a UPN it
 * may map to several, and then a hint is required"; a hint resolves it).
 */
final class CertificateSearch {
    private final AccountSearch search;
    private final MappingDecision decision;

    CertificateSearch(AccountSearch search, MappingDecision decision) {
        this.search = search;
        this.decision = decision;
    }

    CompletionStage<AccountMapping> map(CertificateIdentity cert) {
        MappingTrace.Recorder trace = new MappingTrace.Recorder();
        trace.add(MappingStep.Kind.HINT, "no username hint: searching the certificate's names");
        List<AccountCriterion> criteria = decision.rules().stream().flatMap(r -> r.criteria(cert).stream()).toList();
        return search.run(new AccountLookup.ByAnyOf(criteria), trace).thenCompose(accounts -> {
            try {
                return completedFuture(decide(cert, accounts, trace));
            } catch (MappingRefusal refusal) {
                return failedFuture(refusal);
            }
        });
    }

    private AccountMapping decide(CertificateIdentity cert, List<DirectoryAccount> accounts,
                                  MappingTrace.Recorder trace) throws MappingRefusal {
        Map<DirectoryAccount, Map<CertificateMappingRule, RuleEvaluation>> evaluations = new LinkedHashMap<>();
        accounts.forEach(a -> evaluations.put(a, decision.evaluate(cert, a)));
        DirectoryAccount winner = null;
        RuleMatch winning = null;
        for (CertificateMappingRule rule : decision.rules()) {
            List<DirectoryAccount> named = new ArrayList<>();
            for (DirectoryAccount account : accounts) {
                RuleEvaluation e = evaluations.get(account).get(rule);
                e.skipped().forEach(s -> trace.add(MappingStep.Kind.SKIPPED_VALUE, rule.name() + ": skipped "
                        + "unparseable " + s));
                if (e.found()) {
                    named.add(account);
                    e.matches().forEach(m -> trace.add(MappingStep.method(m.method(), "found: " + m.how())));
                }
            }
            if (named.isEmpty()) {
                trace.add(MappingStep.Kind.METHOD, rule.name() + ": found nothing");
                continue;
            }
            if (named.size() > 1) {
                throw MappingDecision.refuse(FailureReason.CLIENT_NOT_UNIQUE, rule.name() + " maps the certificate"
                        + " to " + named.size() + " accounts: " + AccountSearch.describe(named)
                        + "; a username hint is required", trace);
            }
            if (winner == null) {
                winner = named.get(0);
                winning = evaluations.get(winner).get(rule).matches().get(0);
            } else if (!winner.dn().equalsIgnoreCase(named.get(0).dn())) {
                throw MappingDecision.refuse(FailureReason.CLIENT_NOT_UNIQUE, "the certificate maps to "
                        + winner.describe() + " by " + winning.method() + " and to " + named.get(0).describe()
                        + " by " + rule.name() + "; a username hint is required", trace);
            }
        }
        if (winner == null) {
            throw MappingDecision.refuse(FailureReason.CLIENT_UNKNOWN, "the certificate names "
                    + decision.namesIn(cert) + " and no account is mapped to it", trace);
        }
        return decision.accept(cert, winner, winning, evaluations.get(winner), trace);
    }
}
