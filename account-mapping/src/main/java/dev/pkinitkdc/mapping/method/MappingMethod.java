package dev.pkinitkdc.mapping.method;

/**
 * How a certificate was mapped to its account (MS-PKCA 3.1.5.2.1). {@link #strong()} is KB5014754's
 * classification of the method itself; a weak method can still give a strong mapping when the certificate's
 * SID matches the account's objectSid.
 */
public enum MappingMethod {
    /** SAN otherName UPN (1.3.6.1.4.1.311.20.2.3) equal to userPrincipalName. */
    SAN_UPN(false),
    /** SAN id-pkinit-san (RFC 4556 3.2.2) equal to sAMAccountName@REALM (not in KB5014754's lists: weak). */
    PKINIT_SAN(false),
    /** SAN dNSName {@code host.<realm domain>} equal to a computer's sAMAccountName {@code host$}. */
    SAN_DNS(false),
    /** altSecurityIdentities {@code X509:<I>issuer<S>subject}. */
    ALT_ISSUER_SUBJECT(false),
    /** altSecurityIdentities {@code X509:<S>subject}. */
    ALT_SUBJECT(false),
    /** altSecurityIdentities {@code X509:<RFC822>email}. */
    ALT_RFC822(false),
    /** altSecurityIdentities {@code X509:<I>issuer<SR>serial}. */
    ALT_ISSUER_SERIAL(true),
    /** altSecurityIdentities {@code X509:<SKI>ski}. */
    ALT_SKI(true),
    /** altSecurityIdentities {@code X509:<SHA1-PUKEY>sha1}. */
    ALT_SHA1_PUKEY(true),
    /** altSecurityIdentities {@code X509:<I>issuer<SID>sid}. */
    ALT_ISSUER_SID(true);

    private final boolean strong;

    MappingMethod(boolean strong) {
        this.strong = strong;
    }

    public boolean strong() {
        return strong;
    }
}
