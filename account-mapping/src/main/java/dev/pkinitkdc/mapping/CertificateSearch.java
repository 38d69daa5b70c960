package dev.pkinitkdc.mapping;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.CompletableFuture.failedFuture;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import dev.pkinitkdc.mapping.rules.CertificateMappingRule;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * MS-PKCA 3.1.5.2.1 without a usable hint: search every name the certificate carries, rule by rule. Exactly
 * one account must be found; the first rule that found it is the method. Different accounts is an error
 * (a hint is then required).
 */
final class CertificateSearch {
    private final AccountSearch search;
    private final List<CertificateMappingRule> rules;

    CertificateSearch(AccountSearch search, List<CertificateMappingRule> rules) {
        this.search = search;
        this.rules = rules;
    }

    private record Found(DirectoryAccount account, CertificateMappingRule rule) {
    }

    CompletionStage<AccountMapping> map(X509Certificate cert) {
        MappingTrace trace = new MappingTrace();
        trace.add("no username hint: searching the certificate's names");
        CompletionStage<Map<String, Found>> found = completedFuture(new LinkedHashMap<>());
        for (CertificateMappingRule rule : rules) {
            found = found.thenCompose(sofar -> search.all(rule.lookups(cert), trace).thenApply(accounts -> {
                accounts.forEach(a -> sofar.putIfAbsent(a.dn().toLowerCase(Locale.ROOT), new Found(a, rule)));
                return sofar;
            }));
        }
        return found.thenCompose(accounts -> decide(cert, List.copyOf(accounts.values()), trace));
    }

    private CompletionStage<AccountMapping> decide(X509Certificate cert, List<Found> found, MappingTrace trace) {
        List<String> names = rules.stream().flatMap(r -> r.namesIn(cert).stream()).toList();
        String named = names.isEmpty() ? "no UPN or id-pkinit-san" : String.join(", ", names);
        if (found.isEmpty()) {
            return failedFuture(new KdcFailure(FailureReason.CLIENT_UNKNOWN,
                    "the certificate names " + named + " and no account has these names"));
        }
        if (found.size() > 1) {
            return failedFuture(new KdcFailure(FailureReason.CLIENT_NOT_UNIQUE, "the certificate names " + named
                    + " which map to " + found.size() + " accounts: "
                    + AccountSearch.describe(found.stream().map(Found::account).toList())
                    + "; a username hint is required"));
        }
        Found one = found.get(0);
        trace.add(one.rule().method() + ": mapped to " + one.account().dn());
        return completedFuture(new AccountMapping(one.account(), one.rule().method(), one.rule().strong(),
                trace.steps()));
    }
}
