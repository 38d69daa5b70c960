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
    private static final AttributeNames AD = AttributeNames.activeDirectory();
    /** The directory's name of each attribute read, keyed by its AD name; fixed for the reader's life. */
    private final Map<String, String> names;

    AccountEntryReader(AttributeNames names) {
        this.names = names.byActiveDirectoryName();
    }

    Optional<DirectoryAccount> read(Entry entry) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, String> name : names.entrySet()) {
            Attribute attribute = entry.get(name.getValue());
            if (attribute != null) {
                List<String> values = new ArrayList<>();
                for (Value value : attribute) {
                    values.add(text(name.getKey(), value));
                }
                attributes.put(name.getKey(), values);
            }
        }
        List<String> sam = attributes.getOrDefault(AD.samAccountName(), List.of());
        if (sam.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> upn = attributes.getOrDefault(AD.userPrincipalName(), List.of()).stream().findFirst();
        return Optional.of(new DirectoryAccount(entry.getDn().getName(), sam.get(0), upn, attributes));
    }

    /** @param adName the attribute's AD name */
    private static String text(String adName, Value value) {
        if (value.isHumanReadable()) {
            return value.getString();
        }
        if (adName.equals(AD.objectSid())) {
            byte[] bytes = value.getBytes();
            String ascii = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
            if (ascii.startsWith("S-1-")) {
                return ascii;   // a SID stored as text, as some directories (and older lab seeds) hold it
            }
            try {
                return ObjectSid.toText(bytes);   // MS-DTYP 2.4.2.2 binary SID, as AD stores it
            } catch (IllegalArgumentException e) {
                // neither form; fall through to base64
            }
        }
        return Base64.getEncoder().encodeToString(value.getBytes());
    }
}
