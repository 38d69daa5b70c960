package dev.pkinitkdc.mapping.rules;

import dev.pkinitkdc.mapping.MappingMethod;
import dev.pkinitkdc.mapping.directory.AccountLookup;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * One way a certificate can name an account (MS-PKCA 3.1.5.2.1): SAN UPN, id-pkinit-san, and later the
 * altSecurityIdentities forms. A rule both finds candidate accounts (no hint) and checks a given account (hint).
 */
public interface CertificateMappingRule {
    MappingMethod method();

    /** Strong in the sense of KB5014754. */
    boolean strong();

    /** The names this certificate carries for this rule, for traces and error texts (empty: none). */
    List<String> namesIn(X509Certificate certificate);

    /** Directory searches that find the accounts this certificate names by this rule. */
    List<AccountLookup> lookups(X509Certificate certificate);

    /** How the certificate names the account by this rule (for the trace), or empty if it does not. */
    Optional<String> match(X509Certificate certificate, DirectoryAccount account);
}
