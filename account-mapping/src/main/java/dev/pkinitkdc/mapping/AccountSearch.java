package dev.pkinitkdc.mapping;

import dev.pkinitkdc.mapping.directory.AccountDirectory;
import dev.pkinitkdc.mapping.directory.AccountLookup;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Runs {@link AccountLookup}s one after another against the directory, tracing each. */
final class AccountSearch {
    private final AccountDirectory directory;

    AccountSearch(AccountDirectory directory) {
        this.directory = directory;
    }

    CompletionStage<List<DirectoryAccount>> run(AccountLookup lookup, MappingTrace trace) {
        return lookup.run(directory).thenApply(accounts -> {
            trace.add("looked up " + lookup.describe() + ": " + describe(accounts));
            return accounts;
        });
    }

    /** The accounts of the first lookup that finds any; empty when none does. */
    CompletionStage<List<DirectoryAccount>> firstFound(List<AccountLookup> lookups, MappingTrace trace) {
        if (lookups.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return run(lookups.get(0), trace).thenCompose(found -> found.isEmpty()
                ? firstFound(lookups.subList(1, lookups.size()), trace)
                : CompletableFuture.completedFuture(found));
    }

    /** The accounts of every lookup, in order (an account found twice is listed twice). */
    CompletionStage<List<DirectoryAccount>> all(List<AccountLookup> lookups, MappingTrace trace) {
        CompletionStage<List<DirectoryAccount>> result = CompletableFuture.completedFuture(List.of());
        for (AccountLookup lookup : lookups) {
            result = result.thenCompose(sofar -> run(lookup, trace).thenApply(found -> {
                List<DirectoryAccount> all = new ArrayList<>(sofar);
                all.addAll(found);
                return all;
            }));
        }
        return result;
    }

    static String describe(List<DirectoryAccount> accounts) {
        return accounts.isEmpty() ? "nothing"
                : String.join("; ", accounts.stream().map(DirectoryAccount::describe).toList());
    }
}
