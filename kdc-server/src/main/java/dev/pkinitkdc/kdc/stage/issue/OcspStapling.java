package dev.pkinitkdc.kdc.stage.issue;

import java.util.Optional;

/** Where the issue stage gets the OCSP response about the KDC's certificate that it staples (RFC 4557 3). */
@FunctionalInterface
public interface OcspStapling {
    /** Stapling off. */
    OcspStapling NONE = Optional::empty;

    /** A current DER OCSPResponse for the KDC's current certificate, or empty (the reply then goes without). */
    Optional<byte[]> current();
}
