package dev.pkinitkdc.pkinit.asn1;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/** Object identifiers of RFC 4556 3.1 / appendix A and RFC 8636 7. */
public final class PkinitOids {
    /** id-pkinit: iso(1) org(3) dod(6) internet(1) security(5) kerberosv5(2) pkinit(3). */
    public static final ASN1ObjectIdentifier ID_PKINIT = new ASN1ObjectIdentifier("1.3.6.1.5.2.3");
    public static final ASN1ObjectIdentifier AUTH_DATA = ID_PKINIT.branch("1");
    public static final ASN1ObjectIdentifier DH_KEY_DATA = ID_PKINIT.branch("2");
    public static final ASN1ObjectIdentifier RKEY_DATA = ID_PKINIT.branch("3");
    public static final ASN1ObjectIdentifier KP_CLIENT_AUTH = ID_PKINIT.branch("4");
    public static final ASN1ObjectIdentifier KP_KDC = ID_PKINIT.branch("5");
    /** id-pkinit-kdf (RFC 8636 7). */
    public static final ASN1ObjectIdentifier KDF = ID_PKINIT.branch("6");
    /** dhpublicnumber (ANSI X9.42, RFC 3279 2.3.3): the clientPublicValue algorithm for DH. */
    public static final ASN1ObjectIdentifier DH_PUBLIC_NUMBER = new ASN1ObjectIdentifier("1.2.840.10046.2.1");

    private PkinitOids() {
    }
}
