package dev.pkinitkdc.mapping.directory;

import java.util.Objects;

/** One equality a certificate names an account by, for a search without a hint. */
public record AccountCriterion(Attribute attribute, String value) {
    public enum Attribute {
        /** sAMAccountName of a user (or any account). */
        SAM_ACCOUNT_NAME,
        /** userPrincipalName. */
        USER_PRINCIPAL_NAME,
        /** sAMAccountName of an object of class computer ({@code host$}). */
        COMPUTER_SAM_ACCOUNT_NAME,
        /** One altSecurityIdentities value, exactly as AD stores it. */
        ALT_SECURITY_IDENTITY
    }

    public AccountCriterion {
        Objects.requireNonNull(attribute);
        Objects.requireNonNull(value);
    }

    public String describe() {
        return switch (attribute) {
            case SAM_ACCOUNT_NAME -> "sAMAccountName=" + value;
            case USER_PRINCIPAL_NAME -> "userPrincipalName=" + value;
            case COMPUTER_SAM_ACCOUNT_NAME -> "computer sAMAccountName=" + value;
            case ALT_SECURITY_IDENTITY -> "altSecurityIdentities=" + value;
        };
    }
}
