package dev.pkinitkdc.kdc.validate;

import dev.pkinitkdc.conf.TrustSettings;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.telemetry.CacheCounts;
import dev.pkinitkdc.pkinit.cert.PemFiles;
import dev.pkinitkdc.pkinit.server.VerifiedPkAsReq;
import java.io.IOException;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The validate stage: the client certificate must chain to a trust anchor through the intermediates in the
 * request's SignedData and the configured pool (RFC 4556 3.2.2, RFC 5280 6.1), be within its validity, and
 * carry the key purposes of {@link KeyPurposePolicy} and digests of {@link SignatureDigestPolicy}. Revocation
 * is the revocation module's work.
 */
public final class CertificatePathValidator {
    /** Distinct client certificates (with their bundles) whose validated paths are remembered. */
    static final int PATH_CACHE_ENTRIES = 10_000;

    private final List<X509Certificate> anchorCertificates;
    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> pool;
    private final KeyPurposePolicy keyPurposes;
    private final SignatureDigestPolicy digests;
    private final CaAllowList allowList;
    private final Optional<CaIssuersFetcher> caIssuers;
    private final PathLimits limits;
    private final Clock clock;
    private final NtAuthPolicy ntAuth;
    private final ValidatedPathCache cache;
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
        this.anchors = anchors.stream().map(a -> new TrustAnchor(a, null)).collect(Collectors.toUnmodifiableSet());
        this.pool = List.copyOf(pool);
        this.keyPurposes = keyPurposes;
        this.digests = digests;
        this.allowList = allowList;
        this.caIssuers = caIssuers;
        this.limits = limits;
        this.clock = clock;
        this.ntAuth = ntAuth;
        this.cache = new ValidatedPathCache(PATH_CACHE_ENTRIES);
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
        return new CertificatePathValidator(PemFiles.certificates(trust.anchors()),
                PemFiles.certificates(trust.intermediates()), new KeyPurposePolicy(trust.allowNoEku()),
                new SignatureDigestPolicy(trust.allowSha1()), new CaAllowList(trust.allowedCaThumbprints()),
                trust.fetchCaIssuers() ? Optional.of(new CaIssuersFetcher(trust.caIssuersTimeout(), clock))
                        : Optional.empty(),
                new PathLimits(trust.maxPathLength(), trust.validitySkew()), clock);
    }

    public AsExchange apply(AsExchange exchange) throws KdcFailure {
        VerifiedPkAsReq pkinit = exchange.pkinit();
        ValidatedCertificate validated = validate(pkinit.clientCertificate(), pkinit.certificates());
        String ntAuthFact = ntAuth.check(validated);
        return exchange.withCertificate(validated, exchange.audit()
                .append("trust", "step", "path", "result", "ok",
                        "anchor", validated.anchor().getSubjectX500Principal().getName(),
                        "path_length", validated.path().size(),
                        "issuers", validated.path().stream().skip(1)
                                .map(c -> c.getSubjectX500Principal().getName()).toList())
                .append("trust", "step", "eku", "result", "ok")
                .append("trust", "step", "ntauth", "result", ntAuthFact.startsWith("ok") ? "ok" : ntAuthFact,
                        "issuing_ca", ntAuthFact.startsWith("ok ") ? ntAuthFact.substring(3) : null));
    }

    /** Path, digests, then key purposes: the order of the error codes a client will see. */
    public ValidatedCertificate validate(X509Certificate cert, List<X509Certificate> bundled) throws KdcFailure {
        Date now = Date.from(limits.validationTime(cert, clock.instant()));
        try {
            cert.checkValidity(now);
        } catch (CertificateExpiredException e) {
            throw PathDiagnosis.invalid(cert, "certificate expired " + cert.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw PathDiagnosis.invalid(cert, "certificate not valid before " + cert.getNotBefore().toInstant());
        }
        String key = ValidatedPathCache.key(cert, bundled);
        Optional<ValidatedCertificate> cached = cache.get(key, now.toInstant());
        if (cached.isPresent()) {
            cacheCounts.hit();
            return cached.get();
        }
        cacheCounts.miss();
        ValidatedCertificate validated = buildAndCheck(cert, bundled, now);
        cache.put(key, validated);
        return validated;
    }

    /** Hits and misses of the validated path cache, for metrics. */
    public CacheCounts cacheCounts() {
        return cacheCounts;
    }

    /** How many validated paths are remembered, for tests. */
    int cachedPaths() {
        return cache.size();
    }

    private ValidatedCertificate buildAndCheck(X509Certificate cert, List<X509Certificate> bundled, Date now)
            throws KdcFailure {
        List<X509Certificate> candidates = new ArrayList<>(bundled);
        candidates.addAll(pool);
        ValidatedCertificate validated;
        try {
            validated = build(cert, candidates, now);
        } catch (KdcFailure f) {
            if (caIssuers.isEmpty() || !fetchMissingIssuers(cert, candidates)) {
                throw f;
            }
            validated = build(cert, candidates, now);
        }
        allowList.check(validated);
        digests.check(validated.path());
        keyPurposes.check(cert);
        return validated;
    }

    /**
     * RFC 5280 4.2.2.1: follows caIssuers URLs upward from {@code cert} while the issuer is neither a candidate nor
     * an anchor, at most limits.maxPathLength() steps; adds what it finds to {@code candidates}.
     *
     * @return whether anything was found
     */
    private boolean fetchMissingIssuers(X509Certificate cert, List<X509Certificate> candidates) {
        boolean found = false;
        X509Certificate current = cert;
        for (int step = 0; step <= limits.maxPathLength() && !issuerKnown(current, candidates); step++) {
            List<X509Certificate> issuers = caIssuers.orElseThrow().issuersOf(current);
            if (issuers.isEmpty()) {
                break;
            }
            candidates.addAll(issuers);
            found = true;
            current = issuers.get(0);
        }
        return found;
    }

    private boolean issuerKnown(X509Certificate cert, List<X509Certificate> candidates) {
        return java.util.stream.Stream.concat(candidates.stream(), anchorCertificates.stream())
                .anyMatch(c -> c.getSubjectX500Principal().equals(cert.getIssuerX500Principal()));
    }

    private ValidatedCertificate build(X509Certificate cert, List<X509Certificate> candidates, Date now)
            throws KdcFailure {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(cert);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false);
            params.setDate(now);
            params.setMaxPathLength(limits.maxPathLength());
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(candidates)));
            PKIXCertPathBuilderResult result =
                    (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
            List<X509Certificate> path = new ArrayList<>();
            result.getCertPath().getCertificates().forEach(c -> path.add((X509Certificate) c));
            return new ValidatedCertificate(cert, path, result.getTrustAnchor().getTrustedCert());
        } catch (CertPathBuilderException e) {
            throw new PathDiagnosis(anchorCertificates, candidates, limits.maxPathLength()).explain(cert, now);
        } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException e) {
            throw new KdcFailure(FailureReason.INTERNAL_ERROR, "PKIX unavailable", e);
        }
    }

}
