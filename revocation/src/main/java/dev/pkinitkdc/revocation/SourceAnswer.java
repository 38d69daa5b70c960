package dev.pkinitkdc.revocation;

import java.time.Instant;
import java.util.Optional;

/**
 * What one source said about one certificate, with the facts an audit record needs.
 *
 * @param kind "ocsp" or "crl"
 * @param location the OCSP URL, CRL URL or CRL file that answered (or was tried)
 * @param thisUpdate / nextUpdate of the response or CRL used, if one was
 * @param grace whether the response or CRL had expired and was used within the configured grace period
 * @param revoked set when status is REVOKED
 * @param detail one short human sentence: why UNKNOWN/UNAVAILABLE, or which cache answered
 */
public record SourceAnswer(String kind, String location, RevocationStatus status, Optional<Instant> thisUpdate,
                           Optional<Instant> nextUpdate, boolean grace, Optional<RevokedEntry> revoked,
                           String detail) {

    public static SourceAnswer unknown(String kind, String location, String detail) {
        return new SourceAnswer(kind, location, RevocationStatus.UNKNOWN, Optional.empty(), Optional.empty(), false,
                Optional.empty(), detail);
    }

    public static SourceAnswer unavailable(String kind, String location, String detail) {
        return new SourceAnswer(kind, location, RevocationStatus.UNAVAILABLE, Optional.empty(), Optional.empty(),
                false, Optional.empty(), detail);
    }
}
