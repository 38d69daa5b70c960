package dev.pkinitkdc.conf;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code [revocation]}: how client certificates are checked for revocation (RFC 4556 3.2.3; OCSP RFC 6960, CRLs
 * RFC 5280 5 and 6.3). conf/README.md lists each key with its default and the Windows setting it matches.
 *
 * @param order the sources asked for each certificate, first to last, none twice
 * @param ocspResponder an OCSP responder that overrides the certificates' AIA id-ad-ocsp URL
 * @param ocspGrace how long an OCSP response stays usable after its nextUpdate (0 to 2000 hours)
 * @param crlGrace how long a CRL stays usable after its nextUpdate (CRLValidityExtensionPeriod, 0 to 2000 hours)
 * @param crlMirror local CRL files or folders of CRL files, consulted before distribution points
 * @param crlCacheDir the revocation cache folder ({@code cache_dir}, older spelling {@code crl_cache_dir}):
 *                    downloaded CRLs and the ledger of revoked serials, kept across restarts; empty: memory only
 * @param crlMaxBytes the largest CRL accepted from any source
 * @param ocspMaxAge how long after its thisUpdate an OCSP response obtained without a nonce may still be used
 * @param redirects which HTTP redirects from an OCSP or CDP URL are followed
 * @param maxFetchesPerHost OCSP and CRL downloads at once to one scheme, host and port (1 to 64)
 */
public record RevocationSettings(Mode mode, List<Source> order, Scope scope, Optional<URI> ocspResponder,
                                 Duration ocspTimeout, Duration ocspGrace, boolean ocspNonce, Duration crlTimeout,
                                 Duration crlGrace, List<Path> crlMirror, Optional<Path> crlCacheDir,
                                 Duration crlMirrorPoll, long crlMaxBytes,
                                 Duration ocspMaxAge,
                                 Redirects redirects,
                                 int maxFetchesPerHost) {
    public static final Duration MAX_GRACE = Duration.ofHours(2000);
    public static final Duration DEFAULT_OCSP_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CRL_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MIRROR_POLL = Duration.ofSeconds(60);
    /** 128 MiB: a CRL of about three million entries; a larger one is refused rather than exhausting memory. */
    public static final long DEFAULT_CRL_MAX_BYTES = 128L * 1024 * 1024;
    /** A week, as the replay window of a nonce-less "good" (Windows lets the operator choose; we pick one). */
    public static final Duration DEFAULT_OCSP_MAX_AGE = Duration.ofDays(7);
    public static final int DEFAULT_MAX_FETCHES_PER_HOST = 4;
    public static final int MAX_FETCHES_PER_HOST = 64;

    /** What an undetermined status means: refused, allowed with a WARN, cached answers only, or no checking. */
    public enum Mode { HARD_FAIL, SOFT_FAIL, CACHED_ONLY, OFF }

    /** The client certificate only, or every certificate of its path but the trust anchor. */
    public enum Scope { END_ENTITY, CHAIN }

    public enum Source { OCSP, CRL }

    /** HTTP redirects from an OCSP or CDP URL: none, or to the same scheme, host and port (at most 3). */
    public enum Redirects { NONE, SAME_ORIGIN }

    public RevocationSettings {
        Objects.requireNonNull(mode);
        order = List.copyOf(order);
        Objects.requireNonNull(scope);
        crlMirror = List.copyOf(crlMirror);
        Objects.requireNonNull(redirects);
    }

    /** The revocation cache folder, {@code [revocation] cache_dir} (or {@code crl_cache_dir}). */
    public Optional<Path> cacheDir() {
        return crlCacheDir;
    }

    public static RevocationSettings defaults() {
        return new RevocationSettings(Mode.HARD_FAIL, List.of(Source.OCSP, Source.CRL), Scope.CHAIN, Optional.empty(),
                DEFAULT_OCSP_TIMEOUT, Duration.ZERO, false, DEFAULT_CRL_TIMEOUT, Duration.ZERO, List.of(),
                Optional.empty(), DEFAULT_MIRROR_POLL, DEFAULT_CRL_MAX_BYTES,
                DEFAULT_OCSP_MAX_AGE,
                Redirects.NONE,
                DEFAULT_MAX_FETCHES_PER_HOST);
    }
}
