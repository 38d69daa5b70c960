package dev.pkinitkdc.mapping;

import dev.pkinitkdc.mapping.directory.AccountDirectory;
import dev.pkinitkdc.mapping.directory.AccountLookup;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Runs {@link AccountLookup}s against the directory, tracing each. */
final class AccountSearch {
    private final AccountDirectory directory;

    AccountSearch(AccountDirectory directory) {
        this.directory = directory;
    }

    CompletionStage<List<DirectoryAccount>> run(AccountLookup lookup, MappingTrace.Recorder trace) {
        return lookup.run(directory).thenApply(accounts -> {
            trace.add(MappingStep.Kind.SEARCH, "looked up " + lookup.describe() + ": " + describe(accounts));
            return accounts;
        });
    }

    /** The accounts of the first lookup that finds any; empty when none does. */
    CompletionStage<List<DirectoryAccount>> firstFound(List<AccountLookup> lookups, MappingTrace.Recorder trace) {
        if (lookups.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return run(lookups.get(0), trace).thenCompose(found -> found.isEmpty()
                ? firstFound(lookups.subList(1, lookups.size()), trace)
                : CompletableFuture.completedFuture(found));
    }

    static String describe(List<DirectoryAccount> accounts) {
        return accounts.isEmpty() ? "nothing"
                : String.join("; ", accounts.stream().map(DirectoryAccount::describe).toList());
    }
}
