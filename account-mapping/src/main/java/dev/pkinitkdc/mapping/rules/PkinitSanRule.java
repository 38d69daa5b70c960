package dev.pkinitkdc.mapping.rules;

import dev.pkinitkdc.mapping.MappingMethod;
import dev.pkinitkdc.mapping.directory.AccountLookup;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import dev.pkinitkdc.pkinit.cert.KerberosPrincipalName;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * SAN id-pkinit-san (RFC 4556 3.2.2) naming {@code sAMAccountName@REALM}: one component, equal to
 * sAMAccountName case-insensitively, and exactly this KDC's realm.
 */
public final class PkinitSanRule implements CertificateMappingRule {
    private final String realm;

    public PkinitSanRule(String realm) {
        this.realm = Objects.requireNonNull(realm);
    }

    @Override
    public MappingMethod method() {
        return MappingMethod.PKINIT_SAN;
    }

    @Override
    public boolean strong() {
        return false;
    }

    @Override
    public List<String> namesIn(X509Certificate certificate) {
        return SubjectAltNames.kerberosPrincipals(certificate).stream().map(p -> "id-pkinit-san " + p).toList();
    }

    @Override
    public List<AccountLookup> lookups(X509Certificate certificate) {
        return userNames(certificate).stream().<AccountLookup>map(AccountLookup.BySamAccountName::new).toList();
    }

    @Override
    public Optional<String> match(X509Certificate certificate, DirectoryAccount account) {
        return userNames(certificate).stream()
                .filter(account.samAccountName()::equalsIgnoreCase)
                .findFirst()
                .map(name -> "certificate id-pkinit-san " + name + "@" + realm + " is the sAMAccountName of "
                        + account.dn());
    }

    /** The single-component names of id-pkinit-sans in this realm. */
    private List<String> userNames(X509Certificate certificate) {
        return SubjectAltNames.kerberosPrincipals(certificate).stream()
                .filter(p -> p.realm().equals(realm) && p.components().size() == 1)
                .map((KerberosPrincipalName p) -> p.components().get(0))
                .toList();
    }
}
