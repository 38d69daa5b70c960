package dev.pkinitkdc.mapping.rules;

import dev.pkinitkdc.mapping.altsec.CertificateIdentity;
import dev.pkinitkdc.mapping.directory.AccountCriterion;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import dev.pkinitkdc.mapping.method.MappingMethod;
import dev.pkinitkdc.pkinit.cert.KerberosPrincipalName;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import java.util.List;
import java.util.Objects;

/**
 * id-pkinit-san (RFC 4556 3.2.2) {@code name@REALM} of this realm, single component, equal (case-insensitively)
 * to the account's sAMAccountName: weak (KB5014754 does not list it among the strong mappings).
 */
public final class PkinitSanRule implements CertificateMappingRule {
    private final String realm;

    public PkinitSanRule(String realm) {
        this.realm = Objects.requireNonNull(realm);
    }

    @Override
    public String name() {
        return "id-pkinit-san";
    }

    @Override
    public List<String> namesIn(CertificateIdentity certificate) {
        return SubjectAltNames.kerberosPrincipals(certificate.certificate()).stream()
                .map(p -> "id-pkinit-san " + p).toList();
    }

    @Override
    public List<AccountCriterion> criteria(CertificateIdentity certificate) {
        return userNames(certificate).stream()
                .map(n -> new AccountCriterion(AccountCriterion.Attribute.SAM_ACCOUNT_NAME, n)).toList();
    }

    @Override
    public RuleEvaluation evaluate(CertificateIdentity certificate, DirectoryAccount account) {
        List<String> names = userNames(certificate);
        if (names.isEmpty()) {
            return RuleEvaluation.missed("the certificate has no id-pkinit-san in realm " + realm);
        }
        return names.stream().filter(account.samAccountName()::equalsIgnoreCase).findFirst()
                .map(name -> RuleEvaluation.matched(new RuleMatch(MappingMethod.PKINIT_SAN, "certificate "
                        + "id-pkinit-san " + name + "@" + realm + " is the sAMAccountName of " + account.dn())))
                .orElseGet(() -> RuleEvaluation.missed("certificate id-pkinit-san " + String.join(", ", names)
                        + " is not the sAMAccountName " + account.samAccountName()));
    }

    /** The single-component names of id-pkinit-sans in this realm. */
    private List<String> userNames(CertificateIdentity certificate) {
        return SubjectAltNames.kerberosPrincipals(certificate.certificate()).stream()
                .filter(p -> p.realm().equals(realm) && p.components().size() == 1)
                .map((KerberosPrincipalName p) -> p.components().get(0))
                .toList();
    }
}
