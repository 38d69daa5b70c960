package dev.pkinitkdc.mapping.ldap;

import dev.pkinitkdc.mapping.directory.AccountCriterion;
import java.util.List;
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

    /**
     * {@code (&(objectClass=user)(|(A=v)...(&(objectClass=computer)(sAMAccountName=host$))))}: one search for every
     * name a certificate carries. Computers are users in AD's schema, so the outer class matches them too.
     */
    String userWithAnyOf(List<AccountCriterion> criteria) {
        StringBuilder any = new StringBuilder("(|");
        for (AccountCriterion c : criteria) {
            String value = FilterEncoder.encodeFilterValue(c.value());
            any.append(switch (c.attribute()) {
                case SAM_ACCOUNT_NAME -> "(" + names.samAccountName() + "=" + value + ")";
                case USER_PRINCIPAL_NAME -> "(" + names.userPrincipalName() + "=" + value + ")";
                case ALT_SECURITY_IDENTITY -> "(" + names.altSecurityIdentities() + "=" + value + ")";
                case COMPUTER_SAM_ACCOUNT_NAME -> "(&(objectClass=computer)(" + names.samAccountName() + "="
                        + value + "))";
            });
        }
        return "(&(objectClass=" + FilterEncoder.encodeFilterValue(names.userObjectClass()) + ")" + any + "))";
    }
}
