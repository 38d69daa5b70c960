package dev.pkinitkdc.kdc.stage.encode;

import dev.pkinitkdc.failure.FailureReason;

/** The one place a failure becomes a Kerberos error code (RFC 4120 7.5.9, RFC 4556 3.1.3, RFC 8070). */
public final class KrbErrorCodes {
    private KrbErrorCodes() {
    }

    public static int codeFor(FailureReason reason) {
        return switch (reason) {
            case MALFORMED_REQUEST, INTERNAL_ERROR -> 60;          // KRB_ERR_GENERIC
            case MESSAGE_TYPE_NOT_SUPPORTED -> 40;                 // KRB_AP_ERR_MSG_TYPE
            case WRONG_REALM -> 68;                                // KDC_ERR_WRONG_REALM
            case SERVER_UNKNOWN -> 7;                              // KDC_ERR_S_PRINCIPAL_UNKNOWN
            case ENCTYPE_NOT_SUPPORTED -> 14;                      // KDC_ERR_ETYPE_NOSUPP
            case PREAUTH_REQUIRED -> 25;                           // KDC_ERR_PREAUTH_REQUIRED
            case PREAUTH_FAILED -> 24;                             // KDC_ERR_PREAUTH_FAILED
            case SIGNATURE_INVALID -> 64;                          // KDC_ERR_INVALID_SIG
            case PA_CHECKSUM_MISSING -> 79;                        // KDC_ERR_PA_CHECKSUM_MUST_BE_INCLUDED
            case PA_CHECKSUM_MISMATCH -> 41;                       // KRB_AP_ERR_MODIFIED
            case CLOCK_SKEW -> 37;                                 // KRB_AP_ERR_SKEW
            case DH_PARAMETERS_NOT_ACCEPTED -> 65;                 // KDC_ERR_DH_KEY_PARAMETERS_NOT_ACCEPTED
            case PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED -> 81;        // KDC_ERR_PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED
            case DIGEST_NOT_ACCEPTED -> 80;                        // KDC_ERR_DIGEST_IN_SIGNED_DATA_NOT_ACCEPTED
            case DIGEST_IN_CERT_NOT_ACCEPTED -> 78;                // KDC_ERR_DIGEST_IN_CERT_NOT_ACCEPTED
            case FRESHNESS_TOKEN_MISSING, FRESHNESS_TOKEN_INVALID -> 90; // KDC_ERR_PREAUTH_EXPIRED (RFC 8070 4)
            case REPLAY -> 34;                                     // KRB_AP_ERR_REPEAT (as MIT's replay cache)
            case CLIENT_NOT_TRUSTED -> 62;                         // KDC_ERR_CLIENT_NOT_TRUSTED
            case CANT_VERIFY_CERTIFICATE -> 70;                    // KDC_ERR_CANT_VERIFY_CERTIFICATE
            case CERTIFICATE_INVALID -> 71;                        // KDC_ERR_INVALID_CERTIFICATE
            case KEY_PURPOSE_INCONSISTENT -> 77;                   // KDC_ERR_INCONSISTENT_KEY_PURPOSE
            case REVOKED_CERTIFICATE -> 72;                        // KDC_ERR_REVOKED_CERTIFICATE
            case REVOCATION_STATUS_UNKNOWN -> 73;                  // KDC_ERR_REVOCATION_STATUS_UNKNOWN
            case REVOCATION_STATUS_UNAVAILABLE -> 74;              // KDC_ERR_REVOCATION_STATUS_UNAVAILABLE
            case CLIENT_UNKNOWN -> 6;                              // KDC_ERR_C_PRINCIPAL_UNKNOWN
            case CLIENT_NOT_UNIQUE -> 8;                           // KDC_ERR_PRINCIPAL_NOT_UNIQUE
            case CLIENT_NAME_MISMATCH -> 75;                       // KDC_ERR_CLIENT_NAME_MISMATCH
            case CERTIFICATE_MISMATCH -> 66;                       // KDC_ERR_CERTIFICATE_MISMATCH
            case ACCOUNT_DISABLED, ACCOUNT_EXPIRED, ACCOUNT_LOCKED_OUT -> 18; // KDC_ERR_CLIENT_REVOKED (MS-KILE 3.3.5.7.1)
            case TICKET_NEVER_VALID -> 11;                         // KDC_ERR_NEVER_VALID
            case CANNOT_POSTDATE -> 10;                            // KDC_ERR_CANNOT_POSTDATE
            case TGT_KEY_VERSION_UNKNOWN -> 44;                    // KRB_AP_ERR_BADKEYVER
            case TGT_INTEGRITY -> 31;                              // KRB_AP_ERR_BAD_INTEGRITY
            case TGT_EXPIRED -> 32;                                // KRB_AP_ERR_TKT_EXPIRED
            case TGT_NOT_YET_VALID -> 33;                          // KRB_AP_ERR_TKT_NYV
            case TGT_NOT_FOR_THIS_KDC -> 35;                       // KRB_AP_ERR_NOT_US
            case AUTHENTICATOR_MISMATCH -> 36;                     // KRB_AP_ERR_BADMATCH
            case CHECKSUM_NOT_ACCEPTED -> 50;                      // KRB_AP_ERR_INAPP_CKSUM
            case DIRECTORY_UNAVAILABLE -> 29;                      // KDC_ERR_SVC_UNAVAILABLE
            case RESPONSE_TOO_BIG -> 52;                           // KRB_ERR_RESPONSE_TOO_BIG
            case OVERLOADED -> 29;                                 // KDC_ERR_SVC_UNAVAILABLE
            case REQUEST_TOO_LONG -> 61;                           // KRB_ERR_FIELD_TOOLONG (RFC 4120 7.2.2)
        };
    }
}
