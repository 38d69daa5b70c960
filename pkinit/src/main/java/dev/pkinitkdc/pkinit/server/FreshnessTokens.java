package dev.pkinitkdc.pkinit.server;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;

/**
 * RFC 8070 freshness tokens. RFC 8070 4 leaves the format to the KDC; as MIT krb5 does, a token is the KDC's issue
 * time encrypted in the krbtgt key (an RFC 4120 EncryptedData with the key's kvno, key usage 514, MIT's
 * KRB5_KEYUSAGE_PA_AS_FRESHNESS), so every KDC of the realm holding that key accepts the tokens of the others: a
 * client may be handed a token by one KDC and send its AS-REQ to another. A token is valid while its age is within
 * the clock-skew window (MIT's choice as well). After a krbtgt key change, tokens sealed in the old kvno are
 * refused (the client gets KDC_ERR_PREAUTH_EXPIRED and asks again).
 */
public final class FreshnessTokens {
    /** MIT krb5's KRB5_KEYUSAGE_PA_AS_FRESHNESS. */
    static final int KEY_USAGE = 514;

    private final EncryptionKey key;
    private final int kvno;
    private final Duration lifetime;
    private final Clock clock;

    /** @param key the realm's krbtgt key, whose version is {@code kvno} */
    public FreshnessTokens(EncryptionKey key, int kvno, Duration lifetime, Clock clock) {
        this.key = key;
        this.kvno = kvno;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** Tokens that only this object accepts, sealed in a random key (tests, and a KDC part used alone). */
    public static FreshnessTokens ofRandomKey(Duration lifetime, Clock clock) {
        return new FreshnessTokens(Enctypes.randomKey(Enctype.AES256_CTS_HMAC_SHA1_96), 1, lifetime, clock);
    }

    /** RFC 8070 4: a new token for the PA-AS-FRESHNESS of a KDC_ERR_PREAUTH_REQUIRED. */
    public byte[] issue() {
        try {
            EncryptedData sealed = Enctypes.encrypt(ByteBuffer.allocate(Long.BYTES).putLong(clock.millis()).array(),
                    key, KEY_USAGE);
            sealed.setKvno(kvno);
            return sealed.encode();
        } catch (KrbException | IOException e) {
            throw new IllegalStateException("cannot seal a freshness token", e);
        }
    }

    /**
     * RFC 8070 4: the token in the PKAuthenticator must be one a KDC of this realm issued, and recent; else
     * KDC_ERR_PREAUTH_EXPIRED (the wire code is chosen by kdc-server).
     */
    public void check(byte[] token) throws KdcFailure {
        Instant issued;
        try {
            EncryptedData sealed = new EncryptedData();
            sealed.decode(token);
            if (sealed.getKvno() != kvno) {
                throw invalid("freshness token is sealed in krbtgt key version " + sealed.getKvno() + ", not the "
                        + "current " + kvno);
            }
            byte[] plain = Enctypes.decrypt(sealed, key, KEY_USAGE);
            if (plain.length != Long.BYTES) {
                throw invalid("freshness token was not issued by a KDC of this realm");
            }
            issued = Instant.ofEpochMilli(ByteBuffer.wrap(plain).getLong());
        } catch (KrbException | IOException | RuntimeException e) {
            throw invalid("freshness token was not issued by a KDC of this realm");
        }
        Duration age = Duration.between(issued, clock.instant());
        if (age.abs().compareTo(lifetime) > 0) {
            throw invalid("freshness token is " + age.toSeconds() + "s old, more than " + lifetime.toSeconds()
                    + "s");
        }
    }

    private static KdcFailure invalid(String text) {
        return new KdcFailure(FailureReason.FRESHNESS_TOKEN_INVALID, text);
    }

    @Override
    public String toString() {
        return "FreshnessTokens[kvno=" + kvno + ", lifetime=" + lifetime + "]";
    }
}
