package dev.pkinitkdc.pkinit.server;

import java.security.cert.X509Certificate;

/**
 * RFC 4556 3.2.3.2: no clientPublicValue, so the KDC picks a random reply key and encrypts it to the client
 * certificate's RSA key ("RSA key transport", MIT {@code flag_RSA_PROTOCOL}, Heimdal {@code --pk-use-enckey}).
 */
public record PublicKeyEncryptionExchange(X509Certificate recipient) implements ClientKeyExchange {
    @Override
    public String describe() {
        return "rsa-key-transport";
    }
}
