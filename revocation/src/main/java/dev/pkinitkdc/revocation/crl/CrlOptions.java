package dev.pkinitkdc.revocation.crl;

import dev.pkinitkdc.revocation.GracePeriod;
import dev.pkinitkdc.revocation.http.HttpLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the CRL source behaves (RFC 5280 5, 6.3).
 *
 * @param timeout the bound on one download (HTTP or LDAP), Windows' CRLTimeoutPeriod idea
 * @param grace how long a CRL stays usable after its nextUpdate (Windows' CRLValidityExtensionPeriod)
 * @param mirrors local CRL files or folders of CRL files (DER or PEM), consulted before distribution points
 * @param cacheDir where downloaded CRLs are kept so a restart during an outage still has them; empty: memory only
 * @param mirrorPoll how often mirror files are checked for replacement
 * @param maxBytes the largest CRL accepted from any source
 * @param directory where host-less LDAP URLs ({@code ldap:///dn?...}, AD CS) are looked up; empty: nowhere, such
 *     a distribution point is unavailable
 * @param http redirects and per-origin limit for HTTP distribution points, shared with the OCSP source
 */
public record CrlOptions(Duration timeout, GracePeriod grace, List<Path> mirrors, Optional<Path> cacheDir,
                         Duration mirrorPoll, long maxBytes,
                         Optional<DirectoryEndpoint> directory,
                         HttpLimits http) {
    public CrlOptions {
        mirrors = List.copyOf(mirrors);
        Objects.requireNonNull(directory);
        Objects.requireNonNull(http);
    }

    /** Without a directory for host-less LDAP URLs, with {@link HttpLimits#defaults()}. */
    public CrlOptions(Duration timeout, GracePeriod grace, List<Path> mirrors, Optional<Path> cacheDir,
                      Duration mirrorPoll, long maxBytes) {
        this(timeout, grace, mirrors, cacheDir, mirrorPoll, maxBytes, Optional.empty(), HttpLimits.defaults());
    }

    /** The same, with host-less LDAP URLs looked up in {@code endpoint}. */
    public CrlOptions withDirectory(DirectoryEndpoint endpoint) {
        return new CrlOptions(timeout, grace, mirrors, cacheDir, mirrorPoll, maxBytes, Optional.of(endpoint), http);
    }
}
