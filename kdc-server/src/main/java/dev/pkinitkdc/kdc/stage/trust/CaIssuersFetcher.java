package dev.pkinitkdc.kdc.stage.trust;

import dev.pkinitkdc.kdc.support.DaemonThreads;
import dev.pkinitkdc.revocation.http.HttpFetch;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issuer certificates from a certificate's Authority Information Access caIssuers URLs (RFC 5280 4.2.2.1). The
 * certificate comes from an unauthenticated client, so its URLs are the client's choice: only {@code http} and
 * {@code https} URLs whose host is on the configured allow-list are fetched (no userinfo, no redirects), at most
 * {@link #MAX_URLS_PER_REQUEST} per request and {@link #MAX_IN_FLIGHT} at once, each download cut at
 * {@link #MAX_BYTES} while it streams and at the timeout. Downloads are asynchronous (no thread waits for one) and
 * remembered in a bounded cache: found issuers for {@link #FOUND_TTL}, failures for {@link #FAILED_TTL}, at most
 * {@link #CACHE_ENTRIES} URLs, so a dead URL costs one timeout per interval rather than one per logon.
 */
public final class CaIssuersFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(CaIssuersFetcher.class);
    static final Duration FOUND_TTL = Duration.ofHours(1);
    static final Duration FAILED_TTL = Duration.ofMinutes(5);
    static final int MAX_BYTES = 64 << 10;
    static final int MAX_URLS_PER_REQUEST = 2;
    static final int MAX_IN_FLIGHT = 8;
    static final int CACHE_ENTRIES = 256;
    /** Completes downloads (parsing at most {@link #MAX_BYTES}); one thread, idle ones end, shared by reloads. */
    private static final Executor CALLBACKS = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), DaemonThreads.named("kdc-ca-issuers")) {
        {
            allowCoreThreadTimeOut(true);
        }
    };

    /** A download, in flight ({@code until} null) or done and held until {@code until}. */
    private record Cached(CompletableFuture<List<X509Certificate>> certificates, Instant until) {
    }

    private final HttpFetch http;
    private final Set<String> allowedHosts;
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<URI, Cached> cache = new LinkedHashMap<>(64, 0.75f, true);

    public CaIssuersFetcher(Duration timeout, List<String> allowedHosts, Clock clock) {
        this.http = new HttpFetch(timeout, MAX_BYTES, CALLBACKS);   // no redirects: HttpLimits.defaults()
        this.allowedHosts = Set.copyOf(allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
        this.clock = clock;
    }

    /**
     * The issuers missing above {@code cert}: climbs by issuer name through {@code known} (the request's
     * certificates and the pool) and what it fetched, and fetches a caIssuers URL where the issuer is missing, until
     * a certificate issued by an anchor, at most {@code maxSteps} certificates and {@link #MAX_URLS_PER_REQUEST}
     * URLs. Never completes exceptionally; empty when nothing was found.
     */
    CompletableFuture<List<X509Certificate>> missingIssuers(X509Certificate cert, List<X509Certificate> known,
                                                            List<X509Certificate> anchors, int maxSteps) {
        return climb(new Climb(known, anchors, new ArrayList<>()), cert, maxSteps, MAX_URLS_PER_REQUEST);
    }

    private record Climb(List<X509Certificate> known, List<X509Certificate> anchors, List<X509Certificate> found) {
        Optional<X509Certificate> issuerOf(X509Certificate cert) {
            return Stream.concat(known.stream(), found.stream()).filter(c -> issues(c, cert) && !c.equals(cert))
                    .findFirst();
        }
    }

    private CompletableFuture<List<X509Certificate>> climb(Climb climb, X509Certificate current, int stepsLeft,
                                                           int urlsLeft) {
        if (stepsLeft == 0 || climb.anchors().stream().anyMatch(a -> issues(a, current))) {
            return CompletableFuture.completedFuture(climb.found());
        }
        Optional<X509Certificate> held = climb.issuerOf(current);
        if (held.isPresent()) {
            return climb(climb, held.get(), stepsLeft - 1, urlsLeft);
        }
        List<URI> urls = urlsLeft == 0 ? List.of() : fetchable(current);
        if (urls.isEmpty()) {
            return CompletableFuture.completedFuture(climb.found());
        }
        return fetch(urls.get(0)).thenCompose(certificates -> {
            climb.found().addAll(certificates);
            return certificates.stream().anyMatch(c -> issues(c, current))
                    ? climb(climb, current, stepsLeft, urlsLeft - 1)
                    : CompletableFuture.completedFuture(climb.found());
        });
    }

    /** The caIssuers URLs of {@code cert} that may be fetched: http(s), an allowed host, no userinfo. */
    List<URI> fetchable(X509Certificate cert) {
        List<URI> all = caIssuers(cert);
        List<URI> out = all.stream().filter(this::allowed).toList();
        if (out.size() < all.size()) {
            // one line per certificate, however many URLs it names
            LOG.debug("{} of {} caIssuers URL(s) not fetched (not http(s) or host not in ca_issuers_allowed_hosts)",
                    all.size() - out.size(), all.size());
        }
        return out;
    }

    private boolean allowed(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getRawUserInfo() == null
                && allowedHosts.contains(host);
    }

    private CompletableFuture<List<X509Certificate>> fetch(URI uri) {
        Instant now = clock.instant();
        CompletableFuture<List<X509Certificate>> download;
        synchronized (cache) {
            Cached cached = cache.get(uri);
            if (cached != null && (cached.until() == null || now.isBefore(cached.until()))) {
                return cached.certificates();
            }
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                LOG.info("caIssuers {} not fetched: {} downloads in flight", uri.toASCIIString(), MAX_IN_FLIGHT);
                return CompletableFuture.completedFuture(List.of());
            }
            inFlight.incrementAndGet();
            download = new CompletableFuture<>();
            cache.put(uri, new Cached(download, null));
            if (cache.size() > CACHE_ENTRIES) {
                cache.remove(cache.keySet().iterator().next());
            }
        }
        CompletableFuture<byte[]> response;
        try {
            response = http.get(uri);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);   // a URI the HTTP client will not send
        }
        response.handle((bytes, failure) -> {
            List<X509Certificate> found = List.of();
            if (failure != null) {
                LOG.info("caIssuers {} unusable: {}", uri.toASCIIString(), http.describe(failure));
            } else {
                try {
                    found = parse(bytes);
                    LOG.info("caIssuers {}: {} certificate(s)", uri.toASCIIString(), found.size());
                } catch (CertificateException e) {
                    LOG.info("caIssuers {} unusable: {}", uri.toASCIIString(), e.getMessage());
                }
            }
            inFlight.decrementAndGet();
            Instant until = clock.instant().plus(found.isEmpty() ? FAILED_TTL : FOUND_TTL);
            synchronized (cache) {
                cache.replace(uri, new Cached(download, null), new Cached(download, until));
            }
            download.complete(found);
            return null;
        });
        return download;
    }

    /** How many URLs the cache holds, for tests. */
    int cachedUrls() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private static boolean issues(X509Certificate issuer, X509Certificate cert) {
        return issuer.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
    }

    /** DER or PEM certificate, or a certs-only PKCS#7 (RFC 5280 4.2.2.1 allows both). */
    private static List<X509Certificate> parse(byte[] bytes) throws CertificateException {
        List<X509Certificate> out = new ArrayList<>();
        CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))
                .forEach(c -> out.add((X509Certificate) c));
        return out;
    }

    static List<URI> caIssuers(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Extension.authorityInfoAccess.getId());
        List<URI> out = new ArrayList<>();
        if (ext == null) {
            return out;
        }
        try {
            AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                    ASN1OctetString.getInstance(ext).getOctets());
            for (AccessDescription d : aia.getAccessDescriptions()) {
                if (d.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)
                        && d.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
                    out.add(URI.create(d.getAccessLocation().getName().toString()));
                }
            }
        } catch (RuntimeException e) {
            // a malformed AIA extension (or URI) offers nothing to fetch
        }
        return out;
    }
}
