package dev.pkinitkdc.kdc.stage.trust;

import dev.pkinitkdc.conf.TrustSettings;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.AuditFacts;
import dev.pkinitkdc.kdc.request.ProvenCertificate;
import dev.pkinitkdc.kdc.request.ValidatedCertificate;
import dev.pkinitkdc.kdc.stage.trust.ntauth.NtAuthPolicy;
import dev.pkinitkdc.kdc.support.files.BoundedFiles;
import dev.pkinitkdc.kdc.support.telemetry.CacheCounts;
import java.io.IOException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The validate stage: the client certificate must chain to a trust anchor through the intermediates in the
 * request's SignedData, the configured pool and, when enabled, caIssuers downloads (RFC 4556 3.2.2, RFC 5280 6.1),
 * found by a {@link CertificationPathBuilder} within a work budget, be within its validity, and
 * carry the key purposes of {@link KeyPurposePolicy} and digests of {@link SignatureDigestPolicy}. Revocation
 * is the revocation module's work.
 */
public final class CertificatePathValidator {
    /** Distinct client certificates (with their bundles) whose validated paths are remembered. */
    static final int PATH_CACHE_ENTRIES = 10_000;

    private final List<X509Certificate> anchorCertificates;
    private final List<X509Certificate> pool;
    private final KeyPurposePolicy keyPurposes;
    private final SignatureDigestPolicy digests;
    private final CaAllowList allowList;
    private final Optional<CaIssuersFetcher> caIssuers;
    private final PathLimits limits;
    private final Clock clock;
    private final NtAuthPolicy ntAuth;
    private final ValidatedPathCache cache;
    private final CertificationPathBuilder builder;
    private final CacheCounts cacheCounts = new CacheCounts();

    public CertificatePathValidator(List<X509Certificate> anchors, List<X509Certificate> pool,
                                    KeyPurposePolicy keyPurposes, SignatureDigestPolicy digests, CaAllowList allowList,
                                    Optional<CaIssuersFetcher> caIssuers, PathLimits limits, Clock clock) {
        this(anchors, pool, keyPurposes, digests, allowList, caIssuers, limits, clock, NtAuthPolicy.off());
    }

    private CertificatePathValidator(List<X509Certificate> anchors, List<X509Certificate> pool,
                                     KeyPurposePolicy keyPurposes, SignatureDigestPolicy digests,
                                     CaAllowList allowList, Optional<CaIssuersFetcher> caIssuers, PathLimits limits,
                                     Clock clock, NtAuthPolicy ntAuth) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("no trust anchors configured");
        }
        this.anchorCertificates = List.copyOf(anchors);
        this.pool = List.copyOf(pool);
        this.keyPurposes = keyPurposes;
        this.digests = digests;
        this.allowList = allowList;
        this.caIssuers = caIssuers;
        this.limits = limits;
        this.clock = clock;
        this.ntAuth = ntAuth;
        this.cache = new ValidatedPathCache(PATH_CACHE_ENTRIES);
        this.builder = new CertificationPathBuilder(anchorCertificates, limits.maxPathLength(), limits.maxCandidates());
    }

    /** The same validator that also applies the NTAuth rule after the path is built. */
    public CertificatePathValidator withNtAuth(NtAuthPolicy policy) {
        return new CertificatePathValidator(anchorCertificates, pool, keyPurposes, digests, allowList, caIssuers,
                limits, clock, policy);
    }

    public NtAuthPolicy ntAuth() {
        return ntAuth;
    }

    /** The validator a {@code [trust]} section describes. */
    public static CertificatePathValidator configured(TrustSettings trust, Clock clock) throws IOException {
        return new CertificatePathValidator(BoundedFiles.certificates(trust.anchors()),
                BoundedFiles.certificates(trust.intermediates()), new KeyPurposePolicy(trust.allowNoEku()),
                new SignatureDigestPolicy(trust.allowSha1()), new CaAllowList(trust.allowedCaThumbprints()),
                trust.fetchCaIssuers()
                        ? Optional.of(new CaIssuersFetcher(trust.caIssuersTimeout(), trust.caIssuersAllowedHosts(), clock))
                        : Optional.empty(),
                new PathLimits(trust.maxPathLength(), trust.validitySkew(), trust.maxPathCandidates()), clock);
    }

    /**
     * The validate stage of one request. Completes at once unless the path misses an issuer that caIssuers may
     * supply: then when the downloads end, the path being built again on {@code cpu}; no thread waits for them.
     * Completes exceptionally with the {@link KdcFailure} to answer.
     */
    public CompletableFuture<AsExchange.Validated> apply(AsExchange.Preauthenticated exchange, Executor cpu) {
        Optional<ProvenCertificate> proven = exchange.preauth().provenCertificate();
        if (proven.isEmpty()) {
            // a mechanism other than PKINIT accepted the request: there is no certificate to log on with
            return CompletableFuture.failedFuture(new KdcFailure(FailureReason.CLIENT_NOT_TRUSTED,
                    "the pre-authentication carried no client certificate"));
        }
        return validateAsync(proven.get().certificate(), proven.get().offered(), cpu).thenApply(validated -> {
            try {
                return withFacts(exchange, validated);
            } catch (KdcFailure f) {
                throw new CompletionException(f);
            }
        });
    }

    private AsExchange.Validated withFacts(AsExchange.Preauthenticated exchange, ValidatedCertificate validated)
            throws KdcFailure {
        String ntAuthFact = ntAuth.check(validated);
        AuditFacts.TrustStep path = new AuditFacts.TrustStep("path", "ok",
                validated.anchor().getSubjectX500Principal().getName(), validated.path().size(),
                validated.path().stream().skip(1).map(c -> c.getSubjectX500Principal().getName()).toList(), null);
        AuditFacts.TrustStep ntAuthStep = new AuditFacts.TrustStep("ntauth",
                ntAuthFact.startsWith("ok") ? "ok" : ntAuthFact, null, null, null,
                ntAuthFact.startsWith("ok ") ? ntAuthFact.substring(3) : null);
        return exchange.validated(validated, exchange.audit().with(new AuditFacts.Trust(
                List.of(path, AuditFacts.TrustStep.passed("eku"), ntAuthStep))));
    }

    /**
     * Path, digests, then key purposes, waiting for any caIssuers download: for the explain command and tests,
     * which may block; the KDC uses {@link #apply}.
     */
    public ValidatedCertificate validate(X509Certificate cert, List<X509Certificate> bundled) throws KdcFailure {
        try {
            return validateAsync(cert, bundled, Runnable::run).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof KdcFailure f) {
                throw f;
            }
            throw e;
        }
    }

    /** Path, digests, then key purposes: the order of the error codes a client will see. */
    CompletableFuture<ValidatedCertificate> validateAsync(X509Certificate cert, List<X509Certificate> bundled,
                                                          Executor cpu) {
        Date now = Date.from(limits.validationTime(cert, clock.instant()));
        try {
            cert.checkValidity(now);
        } catch (CertificateExpiredException e) {
            return CompletableFuture.failedFuture(
                    PathDiagnosis.invalid(cert, "certificate expired " + cert.getNotAfter().toInstant()));
        } catch (CertificateNotYetValidException e) {
            return CompletableFuture.failedFuture(
                    PathDiagnosis.invalid(cert, "certificate not valid before " + cert.getNotBefore().toInstant()));
        }
        String key = ValidatedPathCache.key(cert, bundled);
        Optional<ValidatedCertificate> cached = cache.get(key, now.toInstant());
        if (cached.isPresent()) {
            cacheCounts.hit();
            return CompletableFuture.completedFuture(cached.get());
        }
        cacheCounts.miss();
        List<X509Certificate> candidates = new ArrayList<>(bundled);
        candidates.addAll(pool);
        CertificationPathBuilder.Outcome outcome = builder.build(cert, candidates, now);
        if (outcome instanceof CertificationPathBuilder.NoPath && caIssuers.isPresent()) {
            return caIssuers.get().missingIssuers(cert, List.copyOf(candidates), anchorCertificates,
                    limits.maxPathLength() + 1).thenApplyAsync(found -> {
                if (found.isEmpty()) {
                    throw new CompletionException(refusal(outcome, cert, candidates, now));
                }
                candidates.addAll(found);
                return checked(key, builder.build(cert, candidates, now), cert, candidates, now);
            }, cpu);
        }
        try {
            return CompletableFuture.completedFuture(checked(key, outcome, cert, candidates, now));
        } catch (CompletionException e) {
            return CompletableFuture.failedFuture(e.getCause());
        }
    }

    /** The built path once the policies accept it, remembered; else the refusal, as a CompletionException. */
    private ValidatedCertificate checked(String key, CertificationPathBuilder.Outcome outcome, X509Certificate cert,
                                         List<X509Certificate> candidates, Date now) {
        try {
            if (!(outcome instanceof CertificationPathBuilder.Built built)) {
                throw refusal(outcome, cert, candidates, now);
            }
            ValidatedCertificate validated = built.validated();
            allowList.check(validated);
            digests.check(validated.path());
            keyPurposes.check(cert);
            cache.put(key, validated);
            return validated;
        } catch (KdcFailure f) {
            throw new CompletionException(f);
        }
    }

    /** Why no path: the budget ran out (70), or {@link PathDiagnosis} names the broken link (70 or 71). */
    private KdcFailure refusal(CertificationPathBuilder.Outcome outcome, X509Certificate cert,
                               List<X509Certificate> candidates, Date now) {
        PathDiagnosis diagnosis = new PathDiagnosis(anchorCertificates, candidates, limits.maxPathLength());
        return outcome instanceof CertificationPathBuilder.GaveUp gaveUp ? diagnosis.gaveUp(gaveUp.spent())
                : diagnosis.explain(cert, now);
    }

    /** Hits and misses of the validated path cache, for metrics. */
    public CacheCounts cacheCounts() {
        return cacheCounts;
    }

    /** How many validated paths are remembered, for tests. */
    int cachedPaths() {
        return cache.size();
    }
}
