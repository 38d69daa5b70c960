package dev.pkinitkdc.mapping;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.CompletableFuture.failedFuture;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.mapping.directory.AccountLookup;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import dev.pkinitkdc.mapping.rules.CertificateMappingRule;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * MS-PKCA 3.1.5.2.1 with a username hint: find the account the hint names, then the certificate must name
 * that same account by one of the rules (the first rule that does wins).
 */
final class HintedMapping {
    private final AccountSearch search;
    private final List<CertificateMappingRule> rules;

    HintedMapping(AccountSearch search, List<CertificateMappingRule> rules) {
        this.search = search;
        this.rules = rules;
    }

    CompletionStage<AccountMapping> map(X509Certificate cert, ClientNameHint hint, List<AccountLookup> lookups) {
        MappingTrace trace = new MappingTrace();
        trace.add("hint " + hint + " is a " + hint.kind());
        return search.firstFound(lookups, trace).thenCompose(accounts -> {
            if (accounts.isEmpty()) {
                return failedFuture(new KdcFailure(FailureReason.CLIENT_UNKNOWN,
                        "no account for " + hint.components().get(0) + " (looked up "
                                + String.join(", ", lookups.stream().map(AccountLookup::describe).toList()) + ")"));
            }
            if (accounts.size() > 1) {
                return failedFuture(new KdcFailure(FailureReason.CLIENT_NOT_UNIQUE, hint.components().get(0)
                        + " names " + accounts.size() + " accounts: " + AccountSearch.describe(accounts)));
            }
            return matchCertificate(cert, hint, accounts.get(0), trace);
        });
    }

    private CompletionStage<AccountMapping> matchCertificate(X509Certificate cert, ClientNameHint hint,
                                                             DirectoryAccount account, MappingTrace trace) {
        for (CertificateMappingRule rule : rules) {
            Optional<String> match = rule.match(cert, account);
            trace.add(rule.method() + ": " + match.orElse("certificate does not name " + account.dn()));
            if (match.isPresent()) {
                return completedFuture(new AccountMapping(account, rule.method(), rule.strong(), trace.steps()));
            }
        }
        List<String> names = rules.stream().flatMap(r -> r.namesIn(cert).stream()).toList();
        return failedFuture(new KdcFailure(FailureReason.CLIENT_NAME_MISMATCH, "the certificate names "
                + (names.isEmpty() ? "no UPN or id-pkinit-san" : String.join(", ", names))
                + " but the hint " + hint.components().get(0) + " found account " + account.describe()));
    }
}
