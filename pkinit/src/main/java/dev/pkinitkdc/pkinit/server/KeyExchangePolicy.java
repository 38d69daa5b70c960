package dev.pkinitkdc.pkinit.server;

import dev.pkinitkdc.pkinit.kx.ModularExponentiation;

/**
 * Which key exchanges the KDC accepts (RFC 4556 3.2.3, RFC 5349), and what computes its DH side.
 *
 * @param minDhBits smallest MODP group accepted (below: DH_PARAMETERS_NOT_ACCEPTED with TD-DH-PARAMETERS)
 * @param minEcBits smallest curve accepted, by field size: 256 accepts P-256, P-384 and P-521
 * @param rsaKeyTransport whether a request without clientPublicValue gets an encKeyPack (RFC 4556 3.2.3.2); when
 *        off it is refused with PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED
 * @param arithmetic the modular exponentiation of the KDC's DH key and shared secret
 */
public record KeyExchangePolicy(int minDhBits, int minEcBits, boolean rsaKeyTransport,
                                ModularExponentiation arithmetic) {
    public KeyExchangePolicy(int minDhBits, int minEcBits, boolean rsaKeyTransport) {
        this(minDhBits, minEcBits, rsaKeyTransport, ModularExponentiation.JAVA);
    }

    /** 2048-bit MODP, P-256, RSA key transport allowed. */
    public static KeyExchangePolicy defaults() {
        return new KeyExchangePolicy(2048, 256, true);
    }

    public KeyExchangePolicy withMinDhBits(int bits) {
        return new KeyExchangePolicy(bits, minEcBits, rsaKeyTransport, arithmetic);
    }
}
