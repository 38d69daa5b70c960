package dev.pkinitkdc.mapping.rules;

import dev.pkinitkdc.mapping.altsec.CertificateIdentity;
import dev.pkinitkdc.mapping.directory.AccountCriterion;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import dev.pkinitkdc.mapping.method.MappingMethod;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import java.util.List;

/** SAN otherName UPN equal (case-insensitively) to the account's userPrincipalName (MS-PKCA 3.1.5.2.1.1): weak. */
public final class SanUpnRule implements CertificateMappingRule {
    @Override
    public String name() {
        return "SAN UPN";
    }

    @Override
    public List<String> namesIn(CertificateIdentity certificate) {
        return upns(certificate).stream().map(u -> "UPN " + u).toList();
    }

    @Override
    public List<AccountCriterion> criteria(CertificateIdentity certificate) {
        return upns(certificate).stream()
                .map(u -> new AccountCriterion(AccountCriterion.Attribute.USER_PRINCIPAL_NAME, u)).toList();
    }

    @Override
    public RuleEvaluation evaluate(CertificateIdentity certificate, DirectoryAccount account) {
        List<String> upns = upns(certificate);
        if (upns.isEmpty()) {
            return RuleEvaluation.missed("the certificate has no SAN UPN");
        }
        return account.userPrincipalName().flatMap(accountUpn -> upns.stream()
                        .filter(accountUpn::equalsIgnoreCase).findFirst())
                .map(upn -> RuleEvaluation.matched(new RuleMatch(MappingMethod.SAN_UPN,
                        "certificate UPN " + upn + " is the userPrincipalName of " + account.dn())))
                .orElseGet(() -> RuleEvaluation.missed("certificate UPN " + String.join(", ", upns) + " is not "
                        + account.userPrincipalName().map(u -> "the userPrincipalName " + u).orElse("set: no UPN")
                        + " of " + account.dn()));
    }

    private static List<String> upns(CertificateIdentity certificate) {
        return SubjectAltNames.upns(certificate.certificate());
    }
}
