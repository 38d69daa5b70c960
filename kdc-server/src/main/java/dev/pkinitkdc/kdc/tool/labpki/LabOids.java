package dev.pkinitkdc.kdc.tool.labpki;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/** Extended key usages of logon and KDC certificates. */
public final class LabOids {
    /** id-pkinit-KPClientAuth, RFC 4556 3.2.2. */
    public static final KeyPurposeId ID_PKINIT_KP_CLIENT_AUTH = purpose("1.3.6.1.5.2.3.4");
    /** id-pkinit-KPKdc, RFC 4556 3.2.4. */
    public static final KeyPurposeId ID_PKINIT_KP_KDC = purpose("1.3.6.1.5.2.3.5");
    /** Microsoft Smart Card Logon ([MS-PKCA]). */
    public static final KeyPurposeId MS_SMART_CARD_LOGON = purpose("1.3.6.1.4.1.311.20.2.2");

    private LabOids() {
    }

    private static KeyPurposeId purpose(String oid) {
        return KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid));
    }
}
