package dev.pkinitkdc.mapping.rules;

import dev.pkinitkdc.mapping.account.AccountAttributes;
import dev.pkinitkdc.mapping.altsec.AltSecurityIdentity;
import dev.pkinitkdc.mapping.altsec.CertificateIdentity;
import dev.pkinitkdc.mapping.directory.AccountCriterion;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Explicit mappings (MS-PKCA 3.1.5.2.1.2, KB5014754): each of the account's altSecurityIdentities values is parsed
 * and compared with the certificate by components; unparseable values are skipped and reported. Without a hint the
 * search looks for the exact strings AD stores for this certificate ({@link AltSecurityIdentity#strongForms},
 * {@link AltSecurityIdentity#weakForms}); a value written with a different DN spelling is only found with a hint.
 */
public final class AltSecurityIdentitiesRule implements CertificateMappingRule {
    @Override
    public String name() {
        return "altSecurityIdentities";
    }

    @Override
    public List<String> namesIn(CertificateIdentity certificate) {
        return List.of();
    }

    @Override
    public List<AccountCriterion> criteria(CertificateIdentity certificate) {
        return Stream.concat(AltSecurityIdentity.strongForms(certificate.certificate()).stream(),
                        AltSecurityIdentity.weakForms(certificate.certificate()).stream())
                .map(f -> new AccountCriterion(AccountCriterion.Attribute.ALT_SECURITY_IDENTITY, f.adValue()))
                .toList();
    }

    @Override
    public RuleEvaluation evaluate(CertificateIdentity certificate, DirectoryAccount account) {
        List<RuleMatch> matches = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String value : new AccountAttributes(account).altSecurityIdentities()) {
            AltSecurityIdentity.Parsed parsed = AltSecurityIdentity.parse(value);
            if (parsed instanceof AltSecurityIdentity.Unparseable u) {
                skipped.add("\"" + u.value() + "\": " + u.why());
            } else if (parsed instanceof AltSecurityIdentity.Valid v && v.identity().matches(certificate)) {
                matches.add(new RuleMatch(v.identity().method(), "altSecurityIdentities \"" + value + "\" of "
                        + account.dn() + " matches the certificate"));
            } else {
                misses.add("altSecurityIdentities \"" + value + "\" does not match the certificate");
            }
        }
        if (matches.isEmpty() && misses.isEmpty() && skipped.isEmpty()) {
            misses.add(account.dn() + " has no altSecurityIdentities");
        }
        matches.sort(Comparator.comparing((RuleMatch m) -> !m.method().strong())); // strong first, stable
        return new RuleEvaluation(matches, misses, skipped);
    }
}
