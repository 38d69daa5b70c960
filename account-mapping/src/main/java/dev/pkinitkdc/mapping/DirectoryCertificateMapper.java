package dev.pkinitkdc.mapping;

import dev.pkinitkdc.mapping.directory.AccountDirectory;
import dev.pkinitkdc.mapping.directory.AccountLookup;
import dev.pkinitkdc.mapping.rules.CertificateMappingRule;
import dev.pkinitkdc.mapping.rules.PkinitSanRule;
import dev.pkinitkdc.mapping.rules.SanUpnRule;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * {@link CertificateMapper} over an {@link AccountDirectory} (MS-PKCA 3.1.5.2.1): with a username hint,
 * {@link HintedMapping}; without one, {@link CertificateSearch}. The rules are tried in the order given.
 */
public final class DirectoryCertificateMapper implements CertificateMapper {
    private final String realmDnsDomain;
    private final HintedMapping hinted;
    private final CertificateSearch unhinted;

    /** SAN UPN then id-pkinit-san; the realm's DNS domain is the realm lower-cased. */
    public DirectoryCertificateMapper(AccountDirectory directory, String realm) {
        this(directory, realm, List.of(new SanUpnRule(), new PkinitSanRule(realm)));
    }

    public DirectoryCertificateMapper(AccountDirectory directory, String realm, List<CertificateMappingRule> rules) {
        List<CertificateMappingRule> ordered = List.copyOf(rules);
        AccountSearch search = new AccountSearch(directory);
        this.realmDnsDomain = realm.toLowerCase(Locale.ROOT);
        this.hinted = new HintedMapping(search, ordered);
        this.unhinted = new CertificateSearch(search, ordered);
    }

    @Override
    public CompletionStage<AccountMapping> map(X509Certificate certificate, ClientNameHint hint) {
        List<AccountLookup> lookups = hint.lookups(realmDnsDomain);
        return lookups.isEmpty() ? unhinted.map(certificate) : hinted.map(certificate, hint, lookups);
    }
}
