package dev.pkinitkdc.mapping.ldap;

import org.apache.directory.api.ldap.model.filter.FilterEncoder;

/**
 * Search filters for accounts. Every value is escaped per RFC 4515 section 3 ({@code * ( ) \ NUL} become
 * {@code \2a \28 \29 \5c \00}), so a client-supplied name can never change the filter's structure.
 */
final class AccountFilters {
    private final AttributeNames names;

    AccountFilters(AttributeNames names) {
        this.names = names;
    }

    /** {@code (&(objectClass=user)(ATTRIBUTE=VALUE))} */
    String userWith(String attribute, String value) {
        return "(&(objectClass=" + FilterEncoder.encodeFilterValue(names.userObjectClass()) + ")("
                + attribute + "=" + FilterEncoder.encodeFilterValue(value) + "))";
    }
}
