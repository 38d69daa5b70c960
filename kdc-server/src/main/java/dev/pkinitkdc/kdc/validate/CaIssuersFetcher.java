package dev.pkinitkdc.kdc.validate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issuer certificates from a certificate's Authority Information Access caIssuers URLs (RFC 5280 4.2.2.1), over
 * HTTP only, bounded in time and size, and cached: found issuers for {@link #FOUND_TTL}, failures for
 * {@link #FAILED_TTL}, so a dead URL costs one timeout per interval rather than one per logon.
 */
public final class CaIssuersFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(CaIssuersFetcher.class);
    static final Duration FOUND_TTL = Duration.ofHours(1);
    static final Duration FAILED_TTL = Duration.ofMinutes(5);
    static final int MAX_BYTES = 1 << 20;

    private record Cached(List<X509Certificate> certificates, Instant until) {
    }

    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final Map<URI, Cached> cache = new ConcurrentHashMap<>();

    public CaIssuersFetcher(Duration timeout, Clock clock) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The certificates the first answering caIssuers URL of {@code cert} serves; empty when none does. */
    public List<X509Certificate> issuersOf(X509Certificate cert) {
        for (URI uri : caIssuers(cert)) {
            List<X509Certificate> found = fetch(uri);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private List<X509Certificate> fetch(URI uri) {
        Instant now = clock.instant();
        Cached cached = cache.get(uri);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.certificates();
        }
        List<X509Certificate> found = List.of();
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (response.statusCode() != 200 || bytes.length > MAX_BYTES) {
                    throw new IOException("HTTP " + response.statusCode() + ", " + bytes.length + " bytes");
                }
                found = parse(bytes);
            }
            LOG.info("caIssuers {}: {} certificate(s)", uri, found.size());
        } catch (IOException | CertificateException e) {
            LOG.info("caIssuers {} unusable: {}", uri, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cache.put(uri, new Cached(found, now.plus(found.isEmpty() ? FAILED_TTL : FOUND_TTL)));
        return found;
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
                    URI uri = URI.create(d.getAccessLocation().getName().toString());
                    if ("http".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
                        out.add(uri);
                    }
                }
            }
        } catch (RuntimeException e) {
            // a malformed AIA extension offers nothing to fetch
        }
        return out;
    }
}
