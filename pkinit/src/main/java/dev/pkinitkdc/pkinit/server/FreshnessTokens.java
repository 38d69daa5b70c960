package dev.pkinitkdc.pkinit.server;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;

/**
 * RFC 8070 freshness tokens. RFC 8070 4 leaves the format to the KDC; this is MIT krb5's (1.17 and later): a
 * four-byte big-endian POSIX time, the four-byte big-endian kvno of the krbtgt key, and the RFC 3961 checksum of
 * the four time bytes (the key's mandatory checksum type, key usage 514) with no ASN.1 around it. Every KDC of the
 * realm holding that krbtgt key, ours or MIT's, accepts the tokens of the others, so a client may be handed a token
 * by one KDC and send its AS-REQ to another. A token is valid while its age is within the clock-skew window (as in
 * MIT). After a krbtgt key change, tokens of the old kvno are refused (the client gets KDC_ERR_PREAUTH_EXPIRED and
 * asks again).
 */
public final class FreshnessTokens {
    /** MIT krb5's KRB5_KEYUSAGE_PA_AS_FRESHNESS. */
    static final int KEY_USAGE = 514;
    private static final int HEADER_BYTES = 2 * Integer.BYTES;

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

    /** Tokens that only this object accepts, under a random key (tests, and a KDC part used alone). */
    public static FreshnessTokens ofRandomKey(Duration lifetime, Clock clock) {
        return new FreshnessTokens(Enctypes.randomKey(Enctype.AES256_CTS_HMAC_SHA1_96), 1, lifetime, clock);
    }

    /** RFC 8070 4: a new token for the PA-AS-FRESHNESS of a KDC_ERR_PREAUTH_REQUIRED. */
    public byte[] issue() {
        int now = (int) clock.instant().getEpochSecond();
        byte[] checksum = checksum(now);
        return ByteBuffer.allocate(HEADER_BYTES + checksum.length).putInt(now).putInt(kvno).put(checksum).array();
    }

    /**
     * RFC 8070 4: the token in the PKAuthenticator must be one a KDC of this realm issued, and recent; else
     * KDC_ERR_PREAUTH_EXPIRED (the wire code is chosen by kdc-server).
     */
    public void check(byte[] token) throws KdcFailure {
        if (token.length <= HEADER_BYTES) {
            throw invalid("freshness token was not issued by a KDC of this realm");
        }
        ByteBuffer header = ByteBuffer.wrap(token, 0, HEADER_BYTES);
        int time = header.getInt();
        Instant issued = Instant.ofEpochSecond(Integer.toUnsignedLong(time));
        int tokenKvno = header.getInt();
        if (tokenKvno != kvno) {
            throw invalid("freshness token is for krbtgt key version " + tokenKvno + ", not the current " + kvno);
        }
        byte[] expected = checksum(time);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(token, HEADER_BYTES, token.length))) {
            throw invalid("freshness token was not issued by a KDC of this realm");
        }
        Duration age = Duration.between(issued, clock.instant());
        if (age.abs().compareTo(lifetime) > 0) {
            throw invalid("freshness token is " + age.toSeconds() + "s old, more than " + lifetime.toSeconds()
                    + "s");
        }
    }

    private byte[] checksum(int time) {
        try {
            return Enctypes.checksum(key, KEY_USAGE, ByteBuffer.allocate(Integer.BYTES).putInt(time).array())
                    .getChecksum();
        } catch (KrbException e) {
            throw new IllegalStateException("cannot compute a freshness token checksum", e);
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
