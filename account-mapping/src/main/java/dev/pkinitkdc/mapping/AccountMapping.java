package dev.pkinitkdc.mapping;

import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import java.util.List;
import java.util.Objects;

/**
 * The account a certificate maps to, the method that mapped it, whether that method is a strong mapping
 * (KB5014754), and a trace of each step (what was looked up, what was found) for the log.
 */
public record AccountMapping(DirectoryAccount account, MappingMethod method, boolean strong, List<String> trace) {
    public AccountMapping {
        Objects.requireNonNull(account);
        Objects.requireNonNull(method);
        trace = List.copyOf(trace);
    }
}
