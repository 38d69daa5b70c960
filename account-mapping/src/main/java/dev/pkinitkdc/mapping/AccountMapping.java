package dev.pkinitkdc.mapping;

import dev.pkinitkdc.mapping.account.AccountState;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import dev.pkinitkdc.mapping.method.MappingMethod;
import java.util.Objects;

/**
 * The account a certificate maps to, the method that found it (the first that did), whether the mapping is strong
 * (KB5014754: a strong method, a strong altSecurityIdentities value of this account, or the certificate's SID
 * equal to objectSid), the account's state, and the trace of each step.
 */
public record AccountMapping(DirectoryAccount account, MappingMethod method, boolean strong, AccountState state,
                             MappingTrace trace) {
    public AccountMapping {
        Objects.requireNonNull(account);
        Objects.requireNonNull(method);
        Objects.requireNonNull(state);
        Objects.requireNonNull(trace);
    }
}
