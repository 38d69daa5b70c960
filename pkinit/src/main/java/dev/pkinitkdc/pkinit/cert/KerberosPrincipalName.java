package dev.pkinitkdc.pkinit.cert;

import java.util.List;

/**
 * KRB5PrincipalName (RFC 4556 3.2.2): a principal name with its realm, as carried in the id-pkinit-san
 * otherName of a certificate.
 */
public record KerberosPrincipalName(String realm, int nameType, List<String> components) {
    public KerberosPrincipalName {
        components = List.copyOf(components);
    }

    /** The usual text form, e.g. {@code krbtgt/LAB.EXAMPLE@LAB.EXAMPLE}. */
    @Override
    public String toString() {
        return String.join("/", components) + "@" + realm;
    }
}
