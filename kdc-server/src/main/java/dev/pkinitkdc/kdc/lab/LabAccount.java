package dev.pkinitkdc.kdc.lab;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A lab user: its name, relative identifier, and how its certificate names it.
 *
 * @param rid the last sub-authority of the account's objectSid
 */
public record LabAccount(String name, int rid, NameInCertificate nameInCertificate) {
    /** The two SAN forms a logon certificate carries (see SubjectAltNames). */
    public enum NameInCertificate {
        /** Microsoft UPN otherName, the account has userPrincipalName set (Windows style). */
        MICROSOFT_UPN,
        /** id-pkinit-san KRB5PrincipalName NT-PRINCIPAL (RFC 4556 3.2.2), no userPrincipalName. */
        PKINIT_SAN
    }

    public static final List<LabAccount> DEFAULTS = List.of(
            new LabAccount("alice", 1100, NameInCertificate.MICROSOFT_UPN),
            new LabAccount("bob", 1101, NameInCertificate.PKINIT_SAN));

    /** The UPN, {@code name@realm-in-lower-case}, for accounts that have one. */
    public Optional<String> userPrincipalName(String realm) {
        return nameInCertificate == NameInCertificate.MICROSOFT_UPN
                ? Optional.of(name + "@" + realm.toLowerCase(Locale.ROOT))
                : Optional.empty();
    }
}
