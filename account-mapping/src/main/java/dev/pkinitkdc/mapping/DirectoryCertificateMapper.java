package dev.pkinitkdc.mapping;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.mapping.altsec.CertificateIdentity;
import dev.pkinitkdc.mapping.directory.AccountDirectory;
import dev.pkinitkdc.mapping.directory.AccountLookup;
import dev.pkinitkdc.mapping.rules.AltSecurityIdentitiesRule;
import dev.pkinitkdc.mapping.rules.CertificateMappingRule;
import dev.pkinitkdc.mapping.rules.PkinitSanRule;
import dev.pkinitkdc.mapping.rules.SanDnsRule;
import dev.pkinitkdc.mapping.rules.SanUpnRule;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link CertificateMapper} over an {@link AccountDirectory} (MS-PKCA 3.1.5.2.1, KB5014754): with a username hint,
 * {@link HintedMapping}; without one (NT-X500-PRINCIPAL only), {@link CertificateSearch}; a cname that cannot name
 * an account is refused as unknown. Methods in order: SAN UPN (unless
 * {@link MappingPolicy#useSubjectAltName()} is off), id-pkinit-san, altSecurityIdentities, SAN dNSName
 * (computers). The realm's DNS domain is the realm lower-cased.
 */
public final class DirectoryCertificateMapper implements CertificateMapper {
    private final String realmDnsDomain;
    private final HintedMapping hinted;
    private final CertificateSearch unhinted;

    /** With {@link MappingPolicy#defaults()}: FULL enforcement. */
    public DirectoryCertificateMapper(AccountDirectory directory, String realm) {
        this(directory, realm, MappingPolicy.defaults());
    }

    public DirectoryCertificateMapper(AccountDirectory directory, String realm, MappingPolicy policy) {
        this.realmDnsDomain = realm.toLowerCase(Locale.ROOT);
        MappingDecision decision = new MappingDecision(rules(realm, realmDnsDomain, policy), policy);
        AccountSearch search = new AccountSearch(directory);
        this.hinted = new HintedMapping(search, decision);
        this.unhinted = new CertificateSearch(search, decision);
    }

    private static List<CertificateMappingRule> rules(String realm, String dnsDomain, MappingPolicy policy) {
        List<CertificateMappingRule> rules = new ArrayList<>();
        if (policy.useSubjectAltName()) {
            rules.add(new SanUpnRule());
        }
        rules.add(new PkinitSanRule(realm));
        rules.add(new AltSecurityIdentitiesRule());
        rules.add(new SanDnsRule(dnsDomain));
        return rules;
    }

    @Override
    public CompletionStage<AccountMapping> map(X509Certificate certificate, ClientNameHint hint) {
        if (hint.kind() == ClientNameHint.Kind.UNNAMEABLE) {
            MappingTrace.Recorder trace = new MappingTrace.Recorder();
            trace.add(MappingStep.Kind.HINT, "hint " + hint + " cannot name an account");
            return CompletableFuture.failedFuture(MappingDecision.refuse(FailureReason.CLIENT_UNKNOWN,
                    "no account is named " + hint.printable(), trace));
        }
        CertificateIdentity cert = CertificateIdentity.of(certificate);
        List<AccountLookup> lookups = hint.lookups(realmDnsDomain);
        return lookups.isEmpty() ? unhinted.map(cert) : hinted.map(cert, hint, lookups);
    }
}
