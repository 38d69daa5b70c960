package dev.pkinitkdc.mapping.ldap;

import dev.pkinitkdc.mapping.directory.AccountCriterion;
import dev.pkinitkdc.mapping.directory.AccountDirectory;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An {@link AccountDirectory} whose lookups are subtree searches with an RFC 4515 filter ({@link AccountFilters});
 * how a search reaches the directory (an LDAP client, or a directory in the same process) is the subclass's.
 */
public abstract class FilterSearchDirectory implements AccountDirectory {
    private final AttributeNames names;
    private final AccountFilters filters;

    protected FilterSearchDirectory(AttributeNames names) {
        this.names = names;
        this.filters = new AccountFilters(names);
    }

    @Override
    public CompletionStage<List<DirectoryAccount>> findBySamAccountName(String samAccountName) {
        return search(filters.userWith(names.samAccountName(), samAccountName));
    }

    @Override
    public CompletionStage<List<DirectoryAccount>> findByUserPrincipalName(String userPrincipalName) {
        return search(filters.userWith(names.userPrincipalName(), userPrincipalName));
    }

    @Override
    public CompletionStage<List<DirectoryAccount>> findAny(List<AccountCriterion> criteria) {
        return criteria.isEmpty() ? CompletableFuture.completedFuture(List.of())
                : search(filters.userWithAnyOf(criteria));
    }

    protected AttributeNames names() {
        return names;
    }

    /** The accounts a subtree search under the base DN with {@code filter} finds, with the names' attributes. */
    protected abstract CompletionStage<List<DirectoryAccount>> search(String filter);
}
