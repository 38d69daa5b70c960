package dev.pkinitkdc.revocation.crl;

import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationSource;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.SourceAnswer;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocation status from CRLs (RFC 5280 6.3): first the configured mirror files, then the certificate's
 * cRLDistributionPoints (HTTP before LDAP, in the certificate's order) until one gives a definite answer, with
 * the delta CRL named by freshestCRL applied when there is one. Every CRL is signature-checked against the
 * issuer and scope-checked against the certificate before it may answer.
 *
 * <p>Nothing runs on the caller's thread: evaluation, parsing and disk I/O run on two "crl-work" threads, LDAP
 * downloads on up to four "crl-ldap" threads, background refresh and mirror polling on one "crl-refresh" thread.
 */
public final class CrlSource implements RevocationSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CrlSource.class);
    private static final String KIND = CrlAnswers.KIND;

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService work;
    private final ExecutorService blocking;
    private final CrlMirror mirror;
    private final CrlCache cache;
    private final CrlAnswers answers;

    public CrlSource(CrlOptions options, Clock clock, RevocationCounters counters) {
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("crl-refresh"));
        this.work = Executors.newFixedThreadPool(2, daemon("crl-work"));
        this.blocking = Executors.newFixedThreadPool(4, daemon("crl-ldap"));
        CrlFetcher fetcher = new CrlFetcher(options, counters, work, blocking);
        this.cache = new CrlCache(fetcher, options.cacheDir().map(CrlDiskCache::new), clock, work, scheduler,
                counters);
        this.mirror = new CrlMirror(options.mirrors(), options.maxBytes(), options.mirrorPoll(), scheduler);
        this.answers = new CrlAnswers(options.grace(), counters);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletableFuture<SourceAnswer> check(CertificateToCheck certificate, FetchPolicy fetch) {
        CompletableFuture<SourceAnswer> answer;
        try {
            answer = mirror.loaded().thenComposeAsync(loaded -> fromMirror(certificate, fetch), work)
                    .thenCompose(mirrored -> mirrored.filter(a -> a.status().definite())
                            .map(CompletableFuture::completedFuture)
                            .orElseGet(() -> fromDistributionPoints(certificate, fetch, mirrored)));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.exceptionally(failure -> SourceAnswer.unavailable(KIND, "-",
                        "CRL check failed: " + failure))
                .thenApply(result -> logged(certificate, result));
    }

    /**
     * The mirror's answer, from its newest complete CRL that verifies and covers the certificate, with a mirrored
     * delta CRL of it, else the delta its freshestCRL names (downloaded as from a distribution point).
     */
    private CompletableFuture<Optional<SourceAnswer>> fromMirror(CertificateToCheck check, FetchPolicy fetch) {
        List<HeldCrl> mirrored = mirror.forIssuer(check.certificate().getIssuerX500Principal());
        Comparator<HeldCrl> newestFirst = (a, b) -> a.crl().newerThan(b.crl()) ? -1 : b.crl().newerThan(a.crl())
                ? 1 : 0;
        List<HeldCrl> usable = mirrored.stream().filter(held -> applies(held, check)).sorted(newestFirst).toList();
        Optional<HeldCrl> complete = usable.stream().filter(held -> !held.crl().isDelta()).findFirst();
        if (complete.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        HeldCrl base = complete.get();
        Optional<HeldCrl> mirroredDelta = usable.stream().filter(held -> held.crl().isDeltaOf(base.crl())
                && answers.unfit(held, clock.instant()).isEmpty()).findFirst();
        CompletableFuture<DeltaCrl> delta = mirroredDelta.map(DeltaCrl::applied).map(CompletableFuture::completedFuture)
                .orElseGet(() -> delta(check, fetch, base));
        return delta.thenApply(found -> Optional.of(answers.answer(check, base, found, clock.instant(),
                Optional.empty())));
    }

    private static boolean applies(HeldCrl held, CertificateToCheck check) {
        try {
            held.crl().verify(check.issuer());
        } catch (UnusableCrlException e) {
            LOG.debug("mirrored CRL {} not used: {}", held.location(), e.getMessage());
            return false;
        }
        return CrlScope.problem(held.crl(), check, Optional.empty()).isEmpty();
    }

    private CompletableFuture<SourceAnswer> fromDistributionPoints(CertificateToCheck check, FetchPolicy fetch,
                                                                   Optional<SourceAnswer> mirrored) {
        X509Certificate certificate = check.certificate();
        CRLDistPoint points = DistributionPointUrls.ofCertificate(certificate, Extension.cRLDistributionPoints);
        List<String> urls = DistributionPointUrls.downloadable(points);
        if (urls.isEmpty()) {
            return CompletableFuture.completedFuture(mirrored.orElseGet(() -> SourceAnswer.unknown(KIND, "-",
                    "no CRL distribution point in the certificate and no mirrored CRL of "
                            + certificate.getIssuerX500Principal().getName())));
        }
        List<String> names = DistributionPointUrls.allNames(points);
        return inOrder(urls, url -> fromDistributionPoint(check, fetch, url, names), SourceAnswer::status)
                .thenApply(tried -> {
                    List<SourceAnswer> all = new ArrayList<>(tried);
                    mirrored.ifPresent(all::add);
                    return decisive(all);
                });
    }

    private CompletableFuture<SourceAnswer> fromDistributionPoint(CertificateToCheck check, FetchPolicy fetch,
                                                                  String url, List<String> names) {
        return cache.obtain(url, check.issuer(), fetch).thenCompose(obtained -> {
            if (obtained.crl().isEmpty()) {
                return CompletableFuture.completedFuture(obtained.failure()
                        .map(failure -> SourceAnswer.unavailable(KIND, url, "CRL download failed: " + failure))
                        .orElseGet(() -> SourceAnswer.unknown(KIND, url, "no cached CRL (downloads not allowed)")));
            }
            HeldCrl complete = obtained.crl().get();
            Optional<SourceAnswer> refused = refusal(complete, check, names);
            if (refused.isPresent()) {
                return CompletableFuture.completedFuture(refused.get());
            }
            return delta(check, fetch, complete).thenApply(delta -> answers.answer(check, complete, delta,
                    clock.instant(), obtained.failure()));
        });
    }

    /**
     * Why a downloaded CRL cannot answer for the certificate: unusable (bad signature, or a delta where a
     * complete CRL belongs) is UNAVAILABLE; out of scope (RFC 5280 6.3.3) is UNKNOWN.
     */
    private static Optional<SourceAnswer> refusal(HeldCrl held, CertificateToCheck check, List<String> names) {
        try {
            held.crl().verify(check.issuer());
        } catch (UnusableCrlException e) {
            return Optional.of(SourceAnswer.unavailable(KIND, held.location(), "unusable CRL: " + e.getMessage()));
        }
        if (held.crl().isDelta()) {
            return Optional.of(SourceAnswer.unavailable(KIND, held.location(),
                    "unusable CRL: a delta CRL where a complete CRL was expected"));
        }
        return CrlScope.problem(held.crl(), check, Optional.of(names))
                .map(problem -> SourceAnswer.unknown(KIND, held.location(), "CRL out of scope: " + problem));
    }

    /**
     * The delta CRL (RFC 5280 5.2.4) for {@code complete}: from the certificate's freshestCRL (4.2.1.15), else
     * the complete CRL's (5.2.6), the first URL whose delta can be used. A delta that is named but cannot be had
     * or used makes the answer unavailable unless the complete CRL lists the certificate ({@link CrlAnswers}).
     */
    private CompletableFuture<DeltaCrl> delta(CertificateToCheck check, FetchPolicy fetch, HeldCrl complete) {
        List<String> inCertificate = DistributionPointUrls.downloadable(
                DistributionPointUrls.ofCertificate(check.certificate(), Extension.freshestCRL));
        List<String> urls = inCertificate.isEmpty() ? complete.crl().extensions().freshest() : inCertificate;
        if (urls.isEmpty()) {
            return CompletableFuture.completedFuture(DeltaCrl.NONE);
        }
        return inOrder(urls, url -> cache.obtain(url, check.issuer(), fetch)
                        .thenApply(obtained -> deltaAt(url, obtained, check, complete)),
                found -> found.unavailable().isEmpty() ? RevocationStatus.GOOD : RevocationStatus.UNKNOWN)
                .thenApply(tried -> {
                    DeltaCrl found = tried.get(tried.size() - 1);
                    if (found.unavailable().isEmpty()) {
                        return found;
                    }
                    String why = tried.stream().map(d -> d.unavailable().orElseThrow())
                            .collect(Collectors.joining("; "));
                    return DeltaCrl.unavailable("delta CRL is unavailable: " + why);
                });
    }

    /** What the CRL obtained from the freshestCRL URL {@code url} is worth as the delta of {@code complete}. */
    private DeltaCrl deltaAt(String url, CrlCache.Obtained obtained, CertificateToCheck check, HeldCrl complete) {
        if (obtained.crl().isEmpty()) {
            return DeltaCrl.unavailable(url + ": " + obtained.failure().map(f -> "download failed: " + f)
                    .orElse("no cached delta CRL (downloads not allowed)"));
        }
        HeldCrl held = obtained.crl().get();
        CertificateList delta = held.crl();
        try {
            delta.verify(check.issuer());
        } catch (UnusableCrlException e) {
            return DeltaCrl.unavailable(url + ": unusable CRL: " + e.getMessage());
        }
        if (!delta.isDelta()) {
            return DeltaCrl.unavailable(url + ": a complete CRL where a delta CRL was expected");
        }
        Optional<String> problem = CrlScope.problem(delta, check, Optional.empty()).map(p -> "out of scope: " + p)
                .or(() -> answers.unfit(held, clock.instant()));
        if (problem.isPresent()) {
            return DeltaCrl.unavailable(url + ": " + problem.get());
        }
        if (delta.isDeltaOf(complete.crl())) {
            return DeltaCrl.applied(held);
        }
        if (!delta.newerThan(complete.crl())) {
            return DeltaCrl.NONE; // published before the complete CRL, which already holds what it says
        }
        return DeltaCrl.unavailable(url + ": delta CRL " + delta.number() + " needs complete CRL "
                + delta.extensions().baseCrlNumber().orElseThrow() + ", newer than CRL " + complete.crl().number());
    }

    /**
     * Tries {@code attempt} on each item in order, stopping at the first whose result is definite. Returns every
     * result obtained, the decisive one last.
     */
    private static <T, R> CompletableFuture<List<R>> inOrder(List<T> items,
                                                             Function<T, CompletableFuture<R>> attempt,
                                                             Function<R, RevocationStatus> status) {
        CompletableFuture<List<R>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        for (T item : items) {
            chain = chain.thenCompose(results -> {
                if (!results.isEmpty() && status.apply(results.get(results.size() - 1)).definite()) {
                    return CompletableFuture.completedFuture(results);
                }
                return attempt.apply(item).thenApply(result -> {
                    results.add(result);
                    return results;
                });
            });
        }
        return chain;
    }

    /** The first definite answer, else: UNAVAILABLE if any source could not be had, else UNKNOWN; all reasons. */
    private static SourceAnswer decisive(List<SourceAnswer> tried) {
        Optional<SourceAnswer> definite = tried.stream().filter(a -> a.status().definite()).findFirst();
        if (definite.isPresent()) {
            return definite.get();
        }
        SourceAnswer first = tried.stream().filter(a -> a.status() == RevocationStatus.UNAVAILABLE).findFirst()
                .orElse(tried.get(0));
        if (tried.size() == 1) {
            return first;
        }
        String details = tried.stream().map(a -> a.location() + ": " + a.detail()).collect(Collectors.joining("; "));
        return new SourceAnswer(KIND, first.location(), first.status(), first.thisUpdate(), first.nextUpdate(),
                first.grace(), first.revoked(), details);
    }

    private static SourceAnswer logged(CertificateToCheck check, SourceAnswer answer) {
        if (!answer.status().definite()) {
            LOG.info("CRL status of serial {} issued by {}: {} ({})", check.certificate().getSerialNumber()
                    .toString(16), check.certificate().getIssuerX500Principal().getName(), answer.status(),
                    answer.detail());
        }
        return answer;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Reads the mirror files again now, on the poll's thread (a reload asks, instead of waiting for the poll). */
    public CompletableFuture<Void> rereadMirror() {
        return CompletableFuture.runAsync(mirror::poll, scheduler);
    }

    @Override
    public void close() {
        cache.close();
        scheduler.shutdownNow();
        work.shutdownNow();
        blocking.shutdownNow();
    }
}
