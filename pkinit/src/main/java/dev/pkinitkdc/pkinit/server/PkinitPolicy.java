package dev.pkinitkdc.pkinit.server;

import dev.pkinitkdc.pkinit.cms.SignatureVerification;
import dev.pkinitkdc.pkinit.cms.SignedDataPolicy;
import java.time.Duration;

/**
 * What the KDC accepts in a PA-PK-AS-REQ.
 *
 * @param keyExchange the DH groups, curves and RSA key transport accepted (RFC 4556 3.2.3, RFC 5349)
 * @param maxClockSkew allowed distance between the PKAuthenticator's ctime and the KDC clock (RFC 4120 5.2.3)
 * @param requirePaChecksum2 refuse a PKAuthenticator without [MS-PKCA] 2.2.3 paChecksum2 (PA_CHECKSUM_MISSING)
 * @param signatureVerification who checks the AuthPack's signature value
 * @param signedData the certificate bundle, signature digest and key size accepted in the signed AuthPack
 */
public record PkinitPolicy(KeyExchangePolicy keyExchange, Duration maxClockSkew, boolean requirePaChecksum2,
                           SignatureVerification signatureVerification, SignedDataPolicy signedData) {
    public PkinitPolicy(KeyExchangePolicy keyExchange, Duration maxClockSkew, boolean requirePaChecksum2) {
        this(keyExchange, maxClockSkew, requirePaChecksum2, SignatureVerification.JAVA, SignedDataPolicy.defaults());
    }

    public PkinitPolicy(KeyExchangePolicy keyExchange, Duration maxClockSkew) {
        this(keyExchange, maxClockSkew, false);
    }

    /** Default key exchange except the smallest MODP group. */
    public PkinitPolicy(int minDhBits, Duration maxClockSkew) {
        this(KeyExchangePolicy.defaults().withMinDhBits(minDhBits), maxClockSkew);
    }

    public static PkinitPolicy defaults() {
        return new PkinitPolicy(KeyExchangePolicy.defaults(), Duration.ofMinutes(5));
    }

    public int minDhBits() {
        return keyExchange.minDhBits();
    }

    public PkinitPolicy withRequirePaChecksum2(boolean require) {
        return new PkinitPolicy(keyExchange, maxClockSkew, require, signatureVerification, signedData);
    }

    public PkinitPolicy withSignatureVerification(SignatureVerification verification) {
        return new PkinitPolicy(keyExchange, maxClockSkew, requirePaChecksum2, verification, signedData);
    }

    public PkinitPolicy withSignedData(SignedDataPolicy policy) {
        return new PkinitPolicy(keyExchange, maxClockSkew, requirePaChecksum2, signatureVerification, policy);
    }
}
