package dev.pkinitkdc.kdc.support.identity;

import java.io.IOException;

/** The configured KDC certificate and key cannot be used: the KDC refuses to start with them. */
public final class InvalidKdcIdentityException extends IOException {
    public InvalidKdcIdentityException(String message) {
        super(message);
    }
}
