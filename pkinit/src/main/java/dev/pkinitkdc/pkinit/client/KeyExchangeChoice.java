package dev.pkinitkdc.pkinit.client;

import dev.pkinitkdc.pkinit.kx.EcCurve;
import dev.pkinitkdc.pkinit.kx.ModpGroup;

/** How the client asks the KDC to deliver the reply key (RFC 4556 3.2.1, RFC 5349). */
public sealed interface KeyExchangeChoice {
    /** Diffie-Hellman in a MODP group (RFC 4556 3.2.3.1). */
    record Dh(ModpGroup group) implements KeyExchangeChoice {
    }

    /** ECDH on a named curve (RFC 5349). */
    record Ecdh(EcCurve curve) implements KeyExchangeChoice {
    }

    /** No clientPublicValue: the KDC encrypts a random reply key to the client's RSA certificate (3.2.3.2). */
    record RsaKeyTransport() implements KeyExchangeChoice {
    }
}
