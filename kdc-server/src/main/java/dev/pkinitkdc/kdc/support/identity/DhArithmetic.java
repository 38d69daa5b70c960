package dev.pkinitkdc.kdc.support.identity;

import dev.pkinitkdc.conf.KdcSettings.CryptoProvider;
import dev.pkinitkdc.pkinit.kx.ModularExponentiation;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who computes the KDC's Diffie-Hellman exponentiations ([kdc] crypto_provider): with {@code auto} the system's
 * OpenSSL libcrypto when it loads (the Amazon Corretto Crypto Provider has no DH), else the JDK's BigInteger.
 */
public final class DhArithmetic {
    private static final Logger LOG = LoggerFactory.getLogger(DhArithmetic.class);

    private DhArithmetic() {
    }

    public static ModularExponentiation choose(CryptoProvider choice) {
        ModularExponentiation chosen = choice == CryptoProvider.AUTO ? ModularExponentiation.fastest()
                : ModularExponentiation.JAVA;
        LOG.info("Diffie-Hellman exponentiation: {} (crypto_provider = {})", chosen,
                choice.name().toLowerCase(Locale.ROOT));
        return chosen;
    }
}
