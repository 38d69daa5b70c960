package dev.pkinitkdc.mapping.rules;

import dev.pkinitkdc.mapping.MappingMethod;
import dev.pkinitkdc.mapping.directory.AccountLookup;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** SAN otherName UPN equal (case-insensitively) to the account's userPrincipalName (MS-PKCA 3.1.5.2.1.1). */
public final class SanUpnRule implements CertificateMappingRule {
    @Override
    public MappingMethod method() {
        return MappingMethod.SAN_UPN;
    }

    @Override
    public boolean strong() {
        return false;
    }

    @Override
    public List<String> namesIn(X509Certificate certificate) {
        return SubjectAltNames.upns(certificate).stream().map(u -> "UPN " + u).toList();
    }

    @Override
    public List<AccountLookup> lookups(X509Certificate certificate) {
        return SubjectAltNames.upns(certificate).stream()
                .<AccountLookup>map(AccountLookup.ByUserPrincipalName::new).toList();
    }

    @Override
    public Optional<String> match(X509Certificate certificate, DirectoryAccount account) {
        return account.userPrincipalName().flatMap(accountUpn -> SubjectAltNames.upns(certificate).stream()
                .filter(accountUpn::equalsIgnoreCase)
                .findFirst()
                .map(upn -> "certificate UPN " + upn + " is the userPrincipalName of " + account.dn()));
    }
}
