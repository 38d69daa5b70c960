package dev.pkinitkdc.revocation.ocsp;

import dev.pkinitkdc.revocation.RevocationStatus;

/**
 * Why a response cannot be used (RFC 6960 3.2): UNAVAILABLE for errors and unverifiable responses, UNKNOWN when
 * the responder says it cannot answer for this certificate ("unauthorized", RFC 6960 2.3).
 */
final class UnusableResponseException extends Exception {
    private final RevocationStatus status;

    UnusableResponseException(RevocationStatus status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    static UnusableResponseException unavailable(String detail) {
        return new UnusableResponseException(RevocationStatus.UNAVAILABLE, detail);
    }

    RevocationStatus status() {
        return status;
    }
}
