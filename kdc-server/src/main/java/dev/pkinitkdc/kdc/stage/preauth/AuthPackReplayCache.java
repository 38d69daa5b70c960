package dev.pkinitkdc.kdc.stage.preauth;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.support.cache.DigestRing;
import dev.pkinitkdc.pkinit.server.VerifiedPkAsReq;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replay check of a signed AuthPack (RFC 4556 3.2.2 asks the KDC to guard against replay, in the spirit of the
 * RFC 4120 3.2.3 replay cache): an AuthPack is identified by the signer certificate, the cname, its ctime, cusec
 * and nonce and a SHA-256 of the AuthPack as signed, and remembered until its ctime is out of the clock-skew window
 * (after which the ctime check refuses it anyway). A second AuthPack with the same identity is refused as a replay.
 * A request retransmitted byte for byte never gets here: the lookaside cache answers it with the first reply.
 *
 * <p>Memory is bounded: expired entries are dropped as new ones arrive, and at {@code maxEntries} the oldest are
 * dropped too (with one WARN), which weakens the check for them rather than refusing logons. The entries are
 * primitives ({@link DigestRing}): minutes of AuthPacks cost the garbage collector nothing.
 */
public final class AuthPackReplayCache {
    private static final Logger LOG = LoggerFactory.getLogger(AuthPackReplayCache.class);

    private final Duration window;
    private final int maxEntries;
    private final Clock clock;
    private final DigestRing seen;
    private final AtomicBoolean warnedFull = new AtomicBoolean();

    public AuthPackReplayCache(Duration window, int maxEntries, Clock clock) {
        this.window = window;
        this.maxEntries = maxEntries;
        this.clock = clock;
        this.seen = new DigestRing(maxEntries);
    }

    /** Records the AuthPack, or refuses it as a replay (REPLAY) when it was recorded within the window. */
    public void check(VerifiedPkAsReq request, String cname) throws KdcFailure {
        Instant now = clock.instant();
        Instant ctime = request.ctime();
        Instant forgetAt = (ctime.isAfter(now) ? ctime : now).plus(window);
        if (!remembered(identity(request, cname), now.toEpochMilli(), forgetAt.toEpochMilli())) {
            throw new KdcFailure(FailureReason.REPLAY, "AuthPack (ctime " + ctime + ", nonce " + request.nonce()
                    + ") was already used in another request");
        }
        if (droppedEarly() > 0 && warnedFull.compareAndSet(false, true)) {
            LOG.warn("AuthPack replay cache holds {} entries: dropping the oldest before they expire, so their "
                    + "replays are no longer detected", maxEntries);
        }
    }

    /** Remembers {@code identity} until {@code forgetAt}; false if it is remembered already. */
    private synchronized boolean remembered(byte[] identity, long now, long forgetAt) {
        seen.dropExpired(now);
        int slot = seen.find(identity);
        if (slot < 0) {
            seen.add(identity, forgetAt, 0);
            return true;
        }
        if (seen.expires(slot) >= now) {
            return false;
        }
        seen.renew(slot, forgetAt, 0);
        return true;
    }

    private synchronized long droppedEarly() {
        return seen.droppedEarly();
    }

    public synchronized int size() {
        return seen.size();
    }

    private static byte[] identity(VerifiedPkAsReq request, String cname) throws KdcFailure {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(request.clientCertificate().getEncoded());
            sha256.update(cname.getBytes(StandardCharsets.UTF_8));
            sha256.update(ByteBuffer.allocate(Long.BYTES * 3).putLong(request.ctime().getEpochSecond())
                    .putLong(request.cusec()).putLong(request.nonce()).array());
            sha256.update(request.authPackDigest());
            return sha256.digest();
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new KdcFailure(FailureReason.INTERNAL_ERROR, "cannot identify the AuthPack", e);
        }
    }
}
