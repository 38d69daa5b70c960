package dev.pkinitkdc.mapping.directory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An account as read from the directory. {@code attributes} holds everything else that was read (objectSid as
 * {@code S-1-...}, userAccountControl, whenCreated, altSecurityIdentities, accountExpires, ...), keyed by the
 * attribute names the directory was configured with; look them up with {@link #values(String)}.
 */
public record DirectoryAccount(String dn, String samAccountName, Optional<String> userPrincipalName,
                               Map<String, List<String>> attributes) {
    public DirectoryAccount {
        Objects.requireNonNull(dn);
        Objects.requireNonNull(samAccountName);
        Objects.requireNonNull(userPrincipalName);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        attributes = Map.copyOf(copy);
    }

    /** The values of an attribute (LDAP attribute names are case-insensitive), empty when absent. */
    public List<String> values(String attribute) {
        for (Map.Entry<String, List<String>> e : attributes.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(attribute.toLowerCase(Locale.ROOT))) {
                return e.getValue();
            }
        }
        return List.of();
    }

    /** For traces and error texts: DN with the two names. */
    public String describe() {
        return dn + " (sAMAccountName " + samAccountName
                + userPrincipalName.map(u -> ", userPrincipalName " + u).orElse(", no userPrincipalName") + ")";
    }
}
