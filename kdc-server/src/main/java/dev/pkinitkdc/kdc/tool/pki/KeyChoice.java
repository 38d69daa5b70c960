package dev.pkinitkdc.kdc.tool.pki;

import dev.pkinitkdc.pkinit.cert.KeyPairs;
import dev.pkinitkdc.pkinit.kx.EcCurve;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Optional;

/** The key a new certificate gets: RSA of {@code --key-size} bits (2048, 3072, 4096), or ECDSA on {@code --ec}. */
record KeyChoice(int rsaBits, Optional<EcCurve> curve) {
    static final int DEFAULT_RSA_BITS = 2048;

    /** @param ec {@code p256}, {@code p384} or {@code p521} (RFC 5349 curves), or empty for RSA */
    static KeyChoice of(Optional<String> keySize, Optional<String> ec) {
        if (keySize.isPresent() && ec.isPresent()) {
            throw new IllegalArgumentException("give --key-size or --ec, not both");
        }
        if (ec.isPresent()) {
            EcCurve curve = Arrays.stream(EcCurve.values()).filter(c -> c.name().equalsIgnoreCase(ec.get()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(
                            "--ec must be p256, p384 or p521: " + ec.get()));
            return new KeyChoice(0, Optional.of(curve));
        }
        int bits = keySize.map(KeyChoice::rsaBits).orElse(DEFAULT_RSA_BITS);
        return new KeyChoice(bits, Optional.empty());
    }

    private static int rsaBits(String text) {
        return switch (text.strip()) {
            case "2048" -> 2048;
            case "3072" -> 3072;
            case "4096" -> 4096;
            default -> throw new IllegalArgumentException("--key-size must be 2048, 3072 or 4096: " + text);
        };
    }

    KeyPair generate() {
        return curve.map(KeyPairs::ec).orElseGet(() -> KeyPairs.rsa(rsaBits));
    }

    String describe() {
        return curve.map(c -> "ECDSA " + c.name()).orElse("RSA " + rsaBits);
    }
}
