package dev.pkinitkdc.mapping;

import dev.pkinitkdc.mapping.directory.AccountLookup;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The username hint of an AS-REQ: its cname and realm (MS-PKCA 3.1.5.2.1). A Windows client sends
 * {@code user} or {@code DOMAIN\\user} as NT-PRINCIPAL, {@code user@domain} as NT-ENTERPRISE, and the
 * certificate's subject as NT-X500-PRINCIPAL when it has no username (then there is no hint).
 */
public record ClientNameHint(int nameType, List<String> components, String realm) {
    public static final int NT_PRINCIPAL = 1;
    public static final int NT_X500_PRINCIPAL = 6;
    public static final int NT_ENTERPRISE = 10;

    /** What the hint names. */
    public enum Kind {
        SAM_ACCOUNT_NAME, USER_PRINCIPAL_NAME, NONE
    }

    public ClientNameHint {
        components = List.copyOf(components);
        Objects.requireNonNull(realm);
    }

    /** No hint at all (e.g. a request without cname). */
    public static ClientNameHint none(String realm) {
        return new ClientNameHint(NT_X500_PRINCIPAL, List.of(), realm);
    }

    public Kind kind() {
        String name = components.size() == 1 ? components.get(0) : "";
        return switch (nameType) {
            case NT_PRINCIPAL -> withoutDomain(name).isEmpty() ? Kind.NONE : Kind.SAM_ACCOUNT_NAME;
            case NT_ENTERPRISE -> {
                int at = name.lastIndexOf('@');
                yield at > 0 && at < name.length() - 1 ? Kind.USER_PRINCIPAL_NAME : Kind.NONE;
            }
            default -> Kind.NONE;
        };
    }

    /**
     * The directory searches for this hint, tried in order until one finds an account. For {@code user@domain}
     * that is the UPN, then AD's implicit UPN: sAMAccountName {@code user} when {@code domain} is the realm's
     * DNS domain.
     */
    public List<AccountLookup> lookups(String realmDnsDomain) {
        String name = kind() == Kind.NONE ? "" : components.get(0);
        return switch (kind()) {
            case SAM_ACCOUNT_NAME -> List.of(new AccountLookup.BySamAccountName(withoutDomain(name)));
            case USER_PRINCIPAL_NAME -> {
                int at = name.lastIndexOf('@');
                String domain = name.substring(at + 1);
                yield domain.toLowerCase(Locale.ROOT).equals(realmDnsDomain.toLowerCase(Locale.ROOT))
                        ? List.of(new AccountLookup.ByUserPrincipalName(name),
                                new AccountLookup.BySamAccountName(name.substring(0, at)))
                        : List.of(new AccountLookup.ByUserPrincipalName(name));
            }
            case NONE -> List.of();
        };
    }

    /** {@code DOMAIN\\user} is {@code user} (the NetBIOS domain is not checked). */
    private static String withoutDomain(String name) {
        return name.substring(name.indexOf('\\') + 1);
    }

    @Override
    public String toString() {
        return "name-type " + nameType + " " + String.join("/", components) + "@" + realm;
    }
}
