package dev.pkinitkdc.mapping.rules;

import dev.pkinitkdc.mapping.account.AccountAttributes;
import dev.pkinitkdc.mapping.altsec.CertificateIdentity;
import dev.pkinitkdc.mapping.directory.AccountCriterion;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import dev.pkinitkdc.mapping.method.MappingMethod;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Computers (MS-PKCA 3.1.5.2.1): SAN dNSName {@code host.<realm DNS domain>} names the computer account whose
 * sAMAccountName is {@code host$} (object class computer): weak. A dNSName in another domain, or a bare host
 * name, names nothing.
 */
public final class SanDnsRule implements CertificateMappingRule {
    private final String realmDnsDomain;

    public SanDnsRule(String realmDnsDomain) {
        this.realmDnsDomain = Objects.requireNonNull(realmDnsDomain).toLowerCase(Locale.ROOT);
    }

    @Override
    public String name() {
        return "SAN dNSName";
    }

    @Override
    public List<String> namesIn(CertificateIdentity certificate) {
        return SubjectAltNames.dnsNames(certificate.certificate()).stream().map(d -> "dNSName " + d).toList();
    }

    @Override
    public List<AccountCriterion> criteria(CertificateIdentity certificate) {
        return computerNames(certificate).stream()
                .map(n -> new AccountCriterion(AccountCriterion.Attribute.COMPUTER_SAM_ACCOUNT_NAME, n)).toList();
    }

    @Override
    public RuleEvaluation evaluate(CertificateIdentity certificate, DirectoryAccount account) {
        List<String> names = computerNames(certificate);
        if (names.isEmpty()) {
            return RuleEvaluation.missed("the certificate has no dNSName in " + realmDnsDomain);
        }
        if (!new AccountAttributes(account).hasObjectClass("computer")) {
            return RuleEvaluation.missed(account.dn() + " is not a computer");
        }
        return names.stream().filter(account.samAccountName()::equalsIgnoreCase).findFirst()
                .map(name -> RuleEvaluation.matched(new RuleMatch(MappingMethod.SAN_DNS, "certificate dNSName "
                        + name.substring(0, name.length() - 1) + "." + realmDnsDomain + " is computer " + name)))
                .orElseGet(() -> RuleEvaluation.missed("certificate dNSName names " + String.join(", ", names)
                        + ", not " + account.samAccountName()));
    }

    /** {@code host$} for each dNSName {@code host.<realm domain>}. */
    private List<String> computerNames(CertificateIdentity certificate) {
        return SubjectAltNames.dnsNames(certificate.certificate()).stream()
                .map(d -> d.toLowerCase(Locale.ROOT))
                .filter(d -> d.indexOf('.') > 0 && d.substring(d.indexOf('.') + 1).equals(realmDnsDomain))
                .map(d -> d.substring(0, d.indexOf('.')) + "$")
                .distinct()
                .toList();
    }
}
