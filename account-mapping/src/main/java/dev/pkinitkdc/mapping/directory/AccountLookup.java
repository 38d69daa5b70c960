package dev.pkinitkdc.mapping.directory;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** One directory search, as a value: what to look up and how to run it against an {@link AccountDirectory}. */
public sealed interface AccountLookup {
    CompletionStage<List<DirectoryAccount>> run(AccountDirectory directory);

    /** For traces, e.g. {@code sAMAccountName=alice}. */
    String describe();

    record BySamAccountName(String samAccountName) implements AccountLookup {
        @Override
        public CompletionStage<List<DirectoryAccount>> run(AccountDirectory directory) {
            return directory.findBySamAccountName(samAccountName);
        }

        @Override
        public String describe() {
            return "sAMAccountName=" + samAccountName;
        }
    }

    record ByUserPrincipalName(String userPrincipalName) implements AccountLookup {
        @Override
        public CompletionStage<List<DirectoryAccount>> run(AccountDirectory directory) {
            return directory.findByUserPrincipalName(userPrincipalName);
        }

        @Override
        public String describe() {
            return "userPrincipalName=" + userPrincipalName;
        }
    }

    record ByAnyOf(List<AccountCriterion> criteria) implements AccountLookup {
        public ByAnyOf {
            criteria = List.copyOf(criteria);
        }

        @Override
        public CompletionStage<List<DirectoryAccount>> run(AccountDirectory directory) {
            return directory.findAny(criteria);
        }

        @Override
        public String describe() {
            return "any of " + String.join(" | ", criteria.stream().map(AccountCriterion::describe).toList());
        }
    }
}
