package dev.pkinitkdc.kdc.tgs;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.support.cache.DigestRing;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The replay cache of TGS-REQ authenticators (RFC 4120 3.3.2 and 3.2.3, MIT's rcache): an authenticator is
 * identified by a SHA-256 of its ciphertext (which covers client, ctime, cusec and checksum) and remembered until
 * its ctime leaves the clock-skew window, after which the time check refuses it anyway. A request retransmitted
 * byte for byte is answered by the lookaside cache before it gets here. Bounded: at {@code maxEntries} the oldest
 * are dropped ({@link DigestRing}).
 */
public final class AuthenticatorReplayCache {
    private final Duration window;
    private final Clock clock;
    private final DigestRing seen;

    public AuthenticatorReplayCache(Duration window, int maxEntries, Clock clock) {
        this.window = window;
        this.clock = clock;
        this.seen = new DigestRing(maxEntries);
    }

    /** Records the authenticator, or refuses it (REPLAY) when it was seen within the window. */
    void check(byte[] authenticatorCipher, Instant ctime) throws KdcFailure {
        Instant now = clock.instant();
        Instant forgetAt = (ctime.isAfter(now) ? ctime : now).plus(window);
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(authenticatorCipher);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        synchronized (this) {
            seen.dropExpired(now.toEpochMilli());
            int slot = seen.find(digest);
            if (slot >= 0 && seen.expires(slot) >= now.toEpochMilli()) {
                throw new KdcFailure(FailureReason.REPLAY, "authenticator (ctime " + ctime
                        + ") was already used in another TGS-REQ");
            }
            if (slot >= 0) {
                seen.renew(slot, forgetAt.toEpochMilli(), 0);
            } else {
                seen.add(digest, forgetAt.toEpochMilli(), 0);
            }
        }
    }
}
