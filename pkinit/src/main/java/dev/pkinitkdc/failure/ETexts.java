package dev.pkinitkdc.failure;

import java.util.Locale;

/**
 * The fixed e-text (RFC 4120 5.9.1) of each {@link FailureReason}: what a client is told when the site that refused
 * it did not say its own text is safe to send. Each sentence speaks of the request and the client's certificate in
 * general terms, never of accounts, directories or the KDC's keys; the full reason stays in the log and the audit line.
 */
public final class ETexts {
    private ETexts() {
    }

    public static String of(FailureReason reason) {
        return switch (reason) {
            case MALFORMED_REQUEST -> "the request is malformed";
            case MESSAGE_TYPE_NOT_SUPPORTED -> "this KDC serves AS-REQ only";
            case WRONG_REALM -> "the requested realm is not served by this KDC";
            case SERVER_UNKNOWN -> "this KDC issues only ticket-granting tickets of its own realm";
            case ENCTYPE_NOT_SUPPORTED -> "none of the requested encryption types is offered";
            case PREAUTH_REQUIRED -> "PKINIT pre-authentication required";
            case PREAUTH_FAILED -> "PKINIT pre-authentication failed";
            case SIGNATURE_INVALID -> "the signature of the PKINIT request does not verify";
            case PA_CHECKSUM_MISSING -> "the PKAuthenticator lacks a required checksum";
            case PA_CHECKSUM_MISMATCH -> "the PKAuthenticator checksum does not match the request";
            case CLOCK_SKEW -> "the client's clock is too far from the KDC's";
            case DH_PARAMETERS_NOT_ACCEPTED -> "the key agreement parameters are not accepted";
            case PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED -> "this key exchange is not supported";
            case DIGEST_NOT_ACCEPTED -> "the digest algorithm is not accepted";
            case DIGEST_IN_CERT_NOT_ACCEPTED -> "a certificate is signed with a digest that is not accepted";
            case FRESHNESS_TOKEN_MISSING -> "a freshness token is required";
            case FRESHNESS_TOKEN_INVALID -> "the freshness token is not valid";
            case REPLAY -> "the request replays an earlier one";
            case CLIENT_NOT_TRUSTED -> "the client certificate is not trusted for logon";
            case CANT_VERIFY_CERTIFICATE -> "the client certificate cannot be verified";
            case CERTIFICATE_INVALID -> "the client certificate is not valid";
            case KEY_PURPOSE_INCONSISTENT -> "the client certificate is not for smart card logon";
            case REVOKED_CERTIFICATE -> "the client certificate or one of its issuers is revoked";
            case REVOCATION_STATUS_UNKNOWN -> "the revocation status of the client certificate is unknown";
            case REVOCATION_STATUS_UNAVAILABLE -> "the revocation status of the client certificate is unavailable";
            case CLIENT_UNKNOWN -> "the certificate does not map to an account";
            case CLIENT_NOT_UNIQUE -> "the certificate or name does not map to a single account";
            case CLIENT_NAME_MISMATCH -> "the certificate does not map to the requested name";
            case CERTIFICATE_MISMATCH -> "the certificate's mapping to the account is not accepted";
            case ACCOUNT_DISABLED -> "the account is disabled";
            case ACCOUNT_EXPIRED -> "the account has expired";
            case ACCOUNT_LOCKED_OUT -> "the account is locked out";
            case TICKET_NEVER_VALID -> "the requested end time is not after the start time";
            case CANNOT_POSTDATE -> "postdated tickets are not issued";
            case TGT_KEY_VERSION_UNKNOWN -> "the ticket-granting ticket is sealed with a key version this KDC lacks";
            case TGT_INTEGRITY -> "the ticket-granting ticket or authenticator does not decrypt";
            case TGT_EXPIRED -> "the ticket-granting ticket has expired";
            case TGT_NOT_YET_VALID -> "the ticket-granting ticket is not yet valid";
            case TGT_NOT_FOR_THIS_KDC -> "the ticket is not a ticket-granting ticket of this realm";
            case AUTHENTICATOR_MISMATCH -> "the authenticator names another client than the ticket";
            case CHECKSUM_NOT_ACCEPTED -> "the authenticator lacks a keyed checksum of the request body";
            case DIRECTORY_UNAVAILABLE -> "the KDC cannot reach its directory";
            case RESPONSE_TOO_BIG -> "the reply is too big for UDP, retry over TCP";
            case INTERNAL_ERROR -> "internal error";
            // a reason added later has no sentence of its own until one is written here
            default -> "the request was refused (" + reason.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
        };
    }
}
