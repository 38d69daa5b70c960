package dev.pkinitkdc.pkinit.client;

/** The KDC's reply could not be accepted (bad signature, untrusted KDC, nonce mismatch, undecryptable). */
public class PkinitClientException extends Exception {
    public PkinitClientException(String message) {
        super(message);
    }

    public PkinitClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
