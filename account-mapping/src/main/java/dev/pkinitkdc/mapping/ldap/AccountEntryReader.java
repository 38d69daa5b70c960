package dev.pkinitkdc.mapping.ldap;

import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;

/**
 * Turns a search result entry into a {@link DirectoryAccount}: objectSid as {@code S-1-...}, other binary
 * values as base64, the rest as strings. An entry without sAMAccountName is not an account.
 */
final class AccountEntryReader {
    private final AttributeNames names;

    AccountEntryReader(AttributeNames names) {
        this.names = names;
    }

    Optional<DirectoryAccount> read(Entry entry) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (String name : names.all()) {
            Attribute attribute = entry.get(name);
            if (attribute != null) {
                List<String> values = new ArrayList<>();
                for (Value value : attribute) {
                    values.add(text(name, value));
                }
                attributes.put(name, values);
            }
        }
        List<String> sam = attributes.getOrDefault(names.samAccountName(), List.of());
        if (sam.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> upn = attributes.getOrDefault(names.userPrincipalName(), List.of()).stream().findFirst();
        return Optional.of(new DirectoryAccount(entry.getDn().getName(), sam.get(0), upn, attributes));
    }

    private String text(String name, Value value) {
        if (value.isHumanReadable()) {
            return value.getString();
        }
        if (name.equalsIgnoreCase(names.objectSid())) {
            try {
                return ObjectSid.toText(value.getBytes());
            } catch (IllegalArgumentException e) {
                // not a binary SID; fall through to base64
            }
        }
        return Base64.getEncoder().encodeToString(value.getBytes());
    }
}
