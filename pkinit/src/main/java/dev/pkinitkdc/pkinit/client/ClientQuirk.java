package dev.pkinitkdc.pkinit.client;

/**
 * What AD-oriented PKINIT tools (Python, on impacket, asn1crypto or minikerberos) send that MIT kinit does not;
 * each is accepted by AD and MIT KDCs, so this client can imitate them in tests.
 */
public enum ClientQuirk {
    /** kdc-options in asn1crypto's minimal named-bit form, fewer than RFC 4120 5.2.8's 32 bits. */
    SHORT_KERBEROS_FLAGS,
    /** A PKAuthenticator nonce chosen apart from the KDC-REQ-BODY nonce (RFC 4556 3.2.1 does not tie them). */
    INDEPENDENT_AUTHENTICATOR_NONCE
}
