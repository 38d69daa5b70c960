package dev.pkinitkdc.kdc.tool.labpki;

import dev.pkinitkdc.mapping.method.MappingMethod;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A lab user: its name, relative identifier, and how its certificate names it.
 *
 * @param rid the last sub-authority of the account's objectSid
 */
public record LabAccount(String name, int rid, NameInCertificate nameInCertificate, boolean sidExtension,
                         Optional<MappingMethod> explicitMapping) {
    /** How the account's certificate names it (see SubjectAltNames). */
    public enum NameInCertificate {
        /** Microsoft UPN otherName, the account has userPrincipalName set (Windows style). */
        MICROSOFT_UPN,
        /** id-pkinit-san KRB5PrincipalName NT-PRINCIPAL (RFC 4556 3.2.2), no userPrincipalName. */
        PKINIT_SAN,
        /** No SAN: only an explicit altSecurityIdentities mapping finds the account (MS-PKCA 3.1.5.2.1). */
        NONE
    }

    /**
     * alice and bob carry the SID security extension AD CS adds since KB5014754, which makes their SAN mapping
     * strong; carol has no SAN and a strong {@code X509:<I>..<SR>..} mapping; weak has no SAN and only the
     * weak {@code X509:<I>..<S>..}, so full enforcement refuses her with KDC_ERR_CERTIFICATE_MISMATCH. revoked is
     * made like alice, so everything but revocation passes, and its certificate is listed in ca/revoked.txt:
     * refused with KDC_ERR_REVOKED_CERTIFICATE (72).
     */
    public static final List<LabAccount> DEFAULTS = List.of(
            new LabAccount("alice", 1100, NameInCertificate.MICROSOFT_UPN, true, Optional.empty()),
            new LabAccount("bob", 1101, NameInCertificate.PKINIT_SAN, true, Optional.empty()),
            new LabAccount("carol", 1102, NameInCertificate.NONE, false, Optional.of(MappingMethod.ALT_ISSUER_SERIAL)),
            new LabAccount("weak", 1103, NameInCertificate.NONE, false, Optional.of(MappingMethod.ALT_ISSUER_SUBJECT)),
            new LabAccount(LabAccount.REVOKED, 1104, NameInCertificate.MICROSOFT_UPN, true, Optional.empty()));

    /** The lab user whose certificate the lab's OCSP responder and CRL say is revoked. */
    public static final String REVOKED = "revoked";

    /** The UPN, {@code name@realm-in-lower-case}, for accounts that have one. */
    public Optional<String> userPrincipalName(String realm) {
        return nameInCertificate == NameInCertificate.MICROSOFT_UPN
                ? Optional.of(name + "@" + realm.toLowerCase(Locale.ROOT))
                : Optional.empty();
    }

    /** The account's objectSid in a domain. */
    public String sid(String domainSid) {
        return domainSid + "-" + rid;
    }
}
