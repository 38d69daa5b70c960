package dev.pkinitkdc.mapping.ldap;

import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;

/**
 * Turns a search result entry into a {@link DirectoryAccount}: objectSid as {@code S-1-...}, other binary
 * values as base64, the rest as strings. An entry without sAMAccountName is not an account. Entries come from the
 * Apache LDAP API ({@link #read(Entry)}) or, for a directory in the same process, as plain values
 * ({@link #read(String, Function)}).
 */
public final class AccountEntryReader {
    private static final AttributeNames AD = AttributeNames.activeDirectory();
    /** The directory's name of each attribute read, keyed by its AD name; fixed for the reader's life. */
    private final Map<String, String> names;

    /** One attribute value as the directory client holds it: {@code text}, or only {@code bytes} when binary. */
    public record EntryValue(String text, byte[] bytes) {
        public static EntryValue ofText(String text) {
            return new EntryValue(text, null);
        }

        public static EntryValue ofBytes(byte[] bytes) {
            return new EntryValue(null, bytes.clone());
        }
    }

    public AccountEntryReader(AttributeNames names) {
        this.names = names.byActiveDirectoryName();
    }

    Optional<DirectoryAccount> read(Entry entry) {
        return read(entry.getDn().getName(), name -> {
            Attribute attribute = entry.get(name);
            List<EntryValue> values = new ArrayList<>();
            if (attribute != null) {
                for (Value value : attribute) {
                    values.add(value.isHumanReadable() ? EntryValue.ofText(value.getString())
                            : EntryValue.ofBytes(value.getBytes()));
                }
            }
            return values;
        });
    }

    /** @param valuesOf the values of an attribute, by the directory's name for it (none: an empty list) */
    public Optional<DirectoryAccount> read(String dn, Function<String, List<EntryValue>> valuesOf) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, String> name : names.entrySet()) {
            List<EntryValue> values = valuesOf.apply(name.getValue());
            if (!values.isEmpty()) {
                List<String> texts = new ArrayList<>();
                for (EntryValue value : values) {
                    texts.add(text(name.getKey(), value));
                }
                attributes.put(name.getKey(), texts);
            }
        }
        List<String> sam = attributes.getOrDefault(AD.samAccountName(), List.of());
        if (sam.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> upn = attributes.getOrDefault(AD.userPrincipalName(), List.of()).stream().findFirst();
        return Optional.of(new DirectoryAccount(dn, sam.get(0), upn, attributes));
    }

    /** The directory's name for the account's SID, which a client must fetch as binary. */
    public String objectSidName() {
        return names.get(AD.objectSid());
    }

    /** @param adName the attribute's AD name */
    private static String text(String adName, EntryValue value) {
        if (value.text() != null) {
            return value.text();
        }
        byte[] bytes = value.bytes();
        if (adName.equals(AD.objectSid())) {
            String ascii = new String(bytes, StandardCharsets.US_ASCII);
            if (ascii.startsWith("S-1-")) {
                return ascii;   // a SID stored as text, as some directories (and older lab seeds) hold it
            }
            try {
                return ObjectSid.toText(bytes);   // MS-DTYP 2.4.2.2 binary SID, as AD stores it
            } catch (IllegalArgumentException e) {
                // neither form; fall through to base64
            }
        }
        return Base64.getEncoder().encodeToString(bytes);
    }
}
