package dev.pkinitkdc.mapping.rules;

import dev.pkinitkdc.mapping.altsec.CertificateIdentity;
import dev.pkinitkdc.mapping.directory.AccountCriterion;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import java.util.List;

/**
 * One way a certificate can name an account (MS-PKCA 3.1.5.2.1): SAN UPN, id-pkinit-san, SAN dNSName,
 * altSecurityIdentities. A rule says what to search for without a hint, and decides locally whether a found
 * account is named by the certificate.
 */
public interface CertificateMappingRule {
    /** For traces, e.g. {@code SAN UPN}. */
    String name();

    /** The names this certificate carries for this rule, for traces and error texts (empty: none). */
    List<String> namesIn(CertificateIdentity certificate);

    /** Equalities that find the accounts this certificate may name by this rule (empty: none). */
    List<AccountCriterion> criteria(CertificateIdentity certificate);

    /** Whether, and how, the certificate names this account by this rule. */
    RuleEvaluation evaluate(CertificateIdentity certificate, DirectoryAccount account);
}
