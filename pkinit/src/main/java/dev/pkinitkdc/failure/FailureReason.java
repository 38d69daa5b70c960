package dev.pkinitkdc.failure;

/**
 * Why an AS-REQ was refused. Each reason names a fact, not a wire code: the Kerberos error code for each
 * reason is chosen in exactly one place, the kdc-server's encode stage (KrbErrorCodes).
 */
public enum FailureReason {
    // decode
    MALFORMED_REQUEST,
    MESSAGE_TYPE_NOT_SUPPORTED,
    WRONG_REALM,
    SERVER_UNKNOWN,
    ENCTYPE_NOT_SUPPORTED,
    // pre-authenticate (RFC 4556 3.2.2)
    PREAUTH_REQUIRED,
    PREAUTH_FAILED,
    SIGNATURE_INVALID,
    PA_CHECKSUM_MISSING,
    PA_CHECKSUM_MISMATCH,
    CLOCK_SKEW,
    DH_PARAMETERS_NOT_ACCEPTED,
    PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED,
    DIGEST_NOT_ACCEPTED,
    DIGEST_IN_CERT_NOT_ACCEPTED,
    // RFC 8070 freshness token: none where one is required, or one this KDC did not issue or that is too old
    FRESHNESS_TOKEN_MISSING,
    FRESHNESS_TOKEN_INVALID,
    // RFC 4556 3.2.2 / RFC 4120 3.1.2: an AuthPack seen before, inside a different request
    REPLAY,
    // validate (RFC 4556 3.2.2, RFC 5280)
    CLIENT_NOT_TRUSTED,
    CANT_VERIFY_CERTIFICATE,
    CERTIFICATE_INVALID,
    KEY_PURPOSE_INCONSISTENT,
    // revocation (RFC 4556 3.2.3): revoked, and the two ways of not knowing, which must never look alike
    REVOKED_CERTIFICATE,
    REVOCATION_STATUS_UNKNOWN,
    REVOCATION_STATUS_UNAVAILABLE,
    // map (MS-PKCA 3.1.5.2.1)
    CLIENT_UNKNOWN,
    CLIENT_NOT_UNIQUE,
    CLIENT_NAME_MISMATCH,
    CERTIFICATE_MISMATCH,
    ACCOUNT_DISABLED,
    ACCOUNT_EXPIRED,
    ACCOUNT_LOCKED_OUT,
    // issue (RFC 4120 3.1.3 ticket times)
    TICKET_NEVER_VALID,
    CANNOT_POSTDATE,
    // TGS-REQ (RFC 4120 3.3.2, 3.2.3): the PA-TGS-REQ's TGT and authenticator
    TGT_KEY_VERSION_UNKNOWN,
    TGT_INTEGRITY,
    TGT_EXPIRED,
    TGT_NOT_YET_VALID,
    TGT_NOT_FOR_THIS_KDC,
    AUTHENTICATOR_MISMATCH,
    CHECKSUM_NOT_ACCEPTED,
    // service
    DIRECTORY_UNAVAILABLE,
    RESPONSE_TOO_BIG,
    // bounds on unauthenticated work: too many requests pending (load shedding), a TCP length over the limit
    OVERLOADED,
    REQUEST_TOO_LONG,
    INTERNAL_ERROR
}
