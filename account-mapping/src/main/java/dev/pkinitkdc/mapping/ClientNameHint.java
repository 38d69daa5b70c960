package dev.pkinitkdc.mapping;

import dev.pkinitkdc.failure.LogText;
import dev.pkinitkdc.mapping.directory.AccountLookup;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The username hint of an AS-REQ: its cname and realm. MS-PKCA 3.1.5.2.1: the KDC looks the account up by the
 * cname, and only an NT-X500-PRINCIPAL (the certificate's subject, sent by a client that has no username) means
 * "find the account by the certificate's mappings". Every other cname must name one account, whatever its name
 * type: {@code user} or {@code DOMAIN\\user} (sAMAccountName), {@code user@domain} (UPN, as NT-ENTERPRISE sends
 * it). A name that cannot name an account (several components such as {@code krbtgt/REALM}, empty, control
 * characters, over-long) is {@link Kind#UNNAMEABLE}: refused, never treated as "no hint".
 */
public record ClientNameHint(int nameType, List<String> components, String realm) {
    public static final int NT_PRINCIPAL = 1;
    public static final int NT_X500_PRINCIPAL = 6;
    public static final int NT_ENTERPRISE = 10;
    /** AD's limit on a userPrincipalName (MS-ADA3 2.349: rangeUpper 1024); sAMAccountName is far shorter. */
    static final int MAX_NAME_LENGTH = 1024;

    /** What the hint names. */
    public enum Kind {
        SAM_ACCOUNT_NAME, USER_PRINCIPAL_NAME, NONE, UNNAMEABLE
    }

    public ClientNameHint {
        components = components.stream().map(c -> c == null ? "" : c).toList();   // an empty KerberosString decodes as null
        Objects.requireNonNull(realm);
    }

    /** No hint at all (e.g. a request without cname). */
    public static ClientNameHint none(String realm) {
        return new ClientNameHint(NT_X500_PRINCIPAL, List.of(), realm);
    }

    public Kind kind() {
        if (nameType == NT_X500_PRINCIPAL) {
            return Kind.NONE;
        }
        if (components.size() != 1 || !usable(components.get(0))) {
            return Kind.UNNAMEABLE;
        }
        String name = components.get(0);
        int at = name.lastIndexOf('@');
        if (at >= 0) {
            return at > 0 && at < name.length() - 1 ? Kind.USER_PRINCIPAL_NAME : Kind.UNNAMEABLE;
        }
        return withoutDomain(name).isEmpty() ? Kind.UNNAMEABLE : Kind.SAM_ACCOUNT_NAME;
    }

    /**
     * The directory searches for this hint, tried in order until one finds an account. For {@code user@domain}
     * that is the UPN, then AD's implicit UPN: sAMAccountName {@code user} when {@code domain} is the realm's
     * DNS domain. None for {@link Kind#NONE} and {@link Kind#UNNAMEABLE}.
     */
    public List<AccountLookup> lookups(String realmDnsDomain) {
        return switch (kind()) {
            case SAM_ACCOUNT_NAME -> List.of(new AccountLookup.BySamAccountName(withoutDomain(components.get(0))));
            case USER_PRINCIPAL_NAME -> {
                String name = components.get(0);
                int at = name.lastIndexOf('@');
                String domain = name.substring(at + 1);
                yield domain.toLowerCase(Locale.ROOT).equals(realmDnsDomain.toLowerCase(Locale.ROOT))
                        ? List.of(new AccountLookup.ByUserPrincipalName(name),
                                new AccountLookup.BySamAccountName(name.substring(0, at)))
                        : List.of(new AccountLookup.ByUserPrincipalName(name));
            }
            case NONE, UNNAMEABLE -> List.of();
        };
    }

    /** Non-empty, not over-long, no control characters (NUL, newline, ...) and no '/' inside one component. */
    private static boolean usable(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        return name.chars().noneMatch(c -> Character.isISOControl(c) || c == '/');
    }

    /** {@code DOMAIN\\user} is {@code user} (the NetBIOS domain is not checked: the certificate must still map). */
    private static String withoutDomain(String name) {
        return name.substring(name.indexOf('\\') + 1);
    }

    /** The name as the client sent it, safe to quote: control characters escaped, cut at 128 characters. */
    public String printable() {
        return LogText.escape(String.join("/", components), 128);
    }

    @Override
    public String toString() {
        return "name-type " + nameType + " " + printable() + "@" + realm;
    }
}
