package dev.pkinitkdc.mapping;

/** How a certificate was mapped to its account (MS-PKCA 3.1.5.2.1; KB5014754 names the strong ones). */
public enum MappingMethod {
    /** SAN otherName UPN (1.3.6.1.4.1.311.20.2.3) equal to userPrincipalName: weak. */
    SAN_UPN,
    /** SAN id-pkinit-san (RFC 4556 3.2.2) equal to sAMAccountName@REALM: weak. */
    PKINIT_SAN
}
