package dev.pkinitkdc.revocation;

import java.time.Instant;
import java.util.Optional;

/**
 * A verified statement that a certificate is revoked, as the {@link RevokedLedger} keeps it.
 *
 * @param revoked the revocation time and reason the statement gave (RFC 5280 5.3.1, RFC 6960 4.2.1)
 * @param statedAt the thisUpdate of the CRL (the delta's when one was applied) or OCSP response that said it: only
 *                 a GOOD statement of a later thisUpdate can release a certificateHold
 * @param kind "ocsp" or "crl", the source that said it
 * @param location where that source got it (OCSP URL, CRL URL or file)
 * @param notAfter the certificate's own notAfter: after it the certificate fails path validation anyway, so the
 *                 entry may go (RFC 5280 5.1.2.6 lets a CA drop expired certificates from its CRLs likewise)
 */
public record RememberedRevocation(RevokedSerial serial, RevokedEntry revoked, Instant statedAt, String kind,
                                   String location, Instant notAfter) {
    /** RFC 5280 5.3.1: certificateHold is the one reversible reason; every other revocation is permanent. */
    public static final String CERTIFICATE_HOLD = "certificateHold";

    public boolean onHold() {
        return CERTIFICATE_HOLD.equals(revoked.reason());
    }

    /**
     * Whether {@code answer} releases this hold: a GOOD from a source that verified it against the same issuer
     * key (the ledger's key), stated after the hold was (removeFromCRL in a delta, a newer CRL without the entry,
     * a newer OCSP "good"). A replayed older GOOD, or any GOOD against a permanent revocation, releases nothing.
     */
    public boolean releasedBy(Optional<SourceAnswer> answer) {
        return onHold() && answer.filter(a -> a.status() == RevocationStatus.GOOD)
                .flatMap(SourceAnswer::thisUpdate).map(t -> t.isAfter(statedAt)).orElse(false);
    }

    /** Of two statements about one serial: a permanent revocation stays; between holds the later statement. */
    public RememberedRevocation and(RememberedRevocation other) {
        if (!onHold()) {
            return this;
        }
        if (!other.onHold()) {
            return other;
        }
        return other.statedAt.isAfter(statedAt) ? other : this;
    }

    /** The answer that stands for the sources when the ledger decides. */
    SourceAnswer answer() {
        return new SourceAnswer(RevokedLedger.KIND, location, RevocationStatus.REVOKED, Optional.of(statedAt),
                Optional.empty(), false, Optional.of(revoked), "revoked per the revocation ledger: "
                + kind.toUpperCase(java.util.Locale.ROOT) + " " + location + " said so in its statement of "
                + statedAt + (onHold() ? "; held until a newer statement of the same CA releases it"
                : "; a permanent revocation"));
    }
}
