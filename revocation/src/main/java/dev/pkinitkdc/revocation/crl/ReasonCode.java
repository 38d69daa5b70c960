package dev.pkinitkdc.revocation.crl;

/** CRLReason (RFC 5280 5.3.1): the reasonCode entry extension's values and their names. */
final class ReasonCode {
    /** No reasonCode in the entry: RFC 5280 5.3.1 says to treat it as unspecified. */
    static final int ABSENT = -1;
    static final int CERTIFICATE_HOLD = 6;
    /** Only in delta CRLs: the certificate is no longer on hold (RFC 5280 5.2.4, 5.3.1). */
    static final int REMOVE_FROM_CRL = 8;

    private static final String[] NAMES = {"unspecified", "keyCompromise", "cACompromise", "affiliationChanged",
        "superseded", "cessationOfOperation", "certificateHold", "value7", "removeFromCRL", "privilegeWithdrawn",
        "aACompromise"};

    private ReasonCode() {
    }

    static String name(int code) {
        if (code == ABSENT) {
            return NAMES[0];
        }
        return code >= 0 && code < NAMES.length ? NAMES[code] : "reason" + code;
    }
}
