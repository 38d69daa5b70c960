package dev.pkinitkdc.revocation.crl;

/**
 * A CRL that cannot be used at all: malformed DER, a bad signature, an issuer without cRLSign, an indirect CRL
 * or an unknown critical extension (RFC 5280 5, 6.3.3). The message is one short sentence for answers and logs.
 */
public final class UnusableCrlException extends Exception {
    UnusableCrlException(String message) {
        super(message);
    }

    UnusableCrlException(String message, Throwable cause) {
        super(message, cause);
    }
}
