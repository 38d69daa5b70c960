package dev.pkinitkdc.pkinit.server;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * RFC 8070 freshness tokens. RFC 8070 4 leaves the format to the KDC; here a token is the KDC's issue time sealed
 * with AES-256-GCM (version byte, 12-byte IV, sealed 8-byte epoch milliseconds, 16-byte tag) under a random key made
 * per process. A token is valid while its age is within the clock-skew window (MIT's choice as well).
 *
 * <p>The key never leaves this object and is never logged. A KDC restart invalidates outstanding tokens (a client
 * then gets KDC_ERR_PREAUTH_EXPIRED and asks again); several KDCs serving one realm behind a load balancer would
 * have to share the key, which this single-KDC design does not do.
 */
public final class FreshnessTokens {
    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int TOKEN_BYTES = 1 + IV_BYTES + Long.BYTES + TAG_BITS / 8;
    private static final byte[] AAD = "pkinit-kdc RFC 8070 freshness token".getBytes(StandardCharsets.US_ASCII);

    private final SecretKey key;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random;

    public FreshnessTokens(Duration lifetime, Clock clock, SecureRandom random) {
        this.lifetime = lifetime;
        this.clock = clock;
        this.random = random;
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            this.key = generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 is not available", e);
        }
    }

    /** RFC 8070 4: a new token for the PA-AS-FRESHNESS of a KDC_ERR_PREAUTH_REQUIRED. */
    public byte[] issue() {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher gcm = cipher(Cipher.ENCRYPT_MODE, iv);
            byte[] sealed = gcm.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(clock.millis()).array());
            return ByteBuffer.allocate(TOKEN_BYTES).put(VERSION).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a freshness token", e);
        }
    }

    /**
     * RFC 8070 4: the token in the PKAuthenticator must be one this KDC issued, and recent; else
     * KDC_ERR_PREAUTH_EXPIRED (the wire code is chosen by kdc-server).
     */
    public void check(byte[] token) throws KdcFailure {
        if (token.length != TOKEN_BYTES || token[0] != VERSION) {
            throw invalid("freshness token was not issued by this KDC");
        }
        Instant issued;
        try {
            Cipher gcm = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOfRange(token, 1, 1 + IV_BYTES));
            byte[] plain = gcm.doFinal(token, 1 + IV_BYTES, token.length - 1 - IV_BYTES);
            issued = Instant.ofEpochMilli(ByteBuffer.wrap(plain).getLong());
        } catch (GeneralSecurityException e) {
            throw invalid("freshness token was not issued by this KDC (or by this KDC before a restart)");
        }
        Duration age = Duration.between(issued, clock.instant());
        if (age.abs().compareTo(lifetime) > 0) {
            throw invalid("freshness token is " + age.toSeconds() + "s old, more than " + lifetime.toSeconds()
                    + "s");
        }
    }

    private Cipher cipher(int mode, byte[] iv) throws GeneralSecurityException {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        gcm.updateAAD(AAD);
        return gcm;
    }

    private static KdcFailure invalid(String text) {
        return new KdcFailure(FailureReason.FRESHNESS_TOKEN_INVALID, text);
    }

    @Override
    public String toString() {
        return "FreshnessTokens[lifetime=" + lifetime + "]";
    }
}
