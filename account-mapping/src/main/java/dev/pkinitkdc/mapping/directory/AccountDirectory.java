package dev.pkinitkdc.mapping.directory;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where accounts are looked up (the module boundary to LDAP). A lookup that waits on the network completes on a
 * directory thread, never blocking the caller's; one that does not wait (a directory in the same process) may
 * complete before the method returns. A directory that cannot be reached fails the stage with
 * {@code KdcFailure(DIRECTORY_UNAVAILABLE)}. An empty list means "no such account".
 */
public interface AccountDirectory extends AutoCloseable {
    CompletionStage<List<DirectoryAccount>> findBySamAccountName(String samAccountName);

    CompletionStage<List<DirectoryAccount>> findByUserPrincipalName(String userPrincipalName);

    /**
     * Every account matching any of the criteria, in one search (an OR of equalities); an empty list of criteria
     * finds nothing without searching.
     */
    CompletionStage<List<DirectoryAccount>> findAny(List<AccountCriterion> criteria);

    @Override
    void close();
}
