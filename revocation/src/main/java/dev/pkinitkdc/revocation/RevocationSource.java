package dev.pkinitkdc.revocation;

import java.util.concurrent.CompletableFuture;

/**
 * One way to learn a certificate's revocation status (OCSP, RFC 6960; CRLs, RFC 5280 5). Implementations never
 * block the caller: network and disk work completes the future later, bounded by the source's timeout. The
 * future never completes exceptionally: failures are answers with status UNAVAILABLE or UNKNOWN.
 */
public interface RevocationSource {
    /** "ocsp" or "crl". */
    String kind();

    CompletableFuture<SourceAnswer> check(CertificateToCheck certificate, FetchPolicy fetch);
}
