package dev.pkinitkdc.revocation.crl;

import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.http.HttpFetch;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One download of a CRL from a distribution point URL: HTTP(S) through {@link HttpFetch}, LDAP through
 * {@link LdapCrlFetch}, each bounded by the configured timeout. Counts downloads and failed downloads.
 */
final class CrlFetcher {
    private final HttpFetch http;
    private final LdapCrlFetch ldap;
    private final RevocationCounters counters;

    CrlFetcher(CrlOptions options, RevocationCounters counters, Executor callbacks, Executor blocking) {
        this.http = new HttpFetch(options.timeout(), options.maxBytes(), callbacks, options.http());
        this.ldap = new LdapCrlFetch(options.timeout(), options.maxBytes(), options.directory(), blocking);
        this.counters = counters;
    }

    CompletableFuture<byte[]> get(String url) {
        counters.crlDownloads.incrementAndGet();
        CompletableFuture<byte[]> download;
        try {
            download = DistributionPointUrls.isLdap(url) ? ldap.get(url) : http.get(URI.create(url));
        } catch (IllegalArgumentException e) {
            download = CompletableFuture.failedFuture(new IllegalArgumentException(url + ": bad URL", e));
        }
        return download.whenComplete((bytes, failure) -> {
            if (failure != null) {
                counters.crlDownloadFailures.incrementAndGet();
            }
        });
    }

    /** One line: "timed out after 2000 ms", "http://...: HTTP 404", "ldap://...: no entry ...". */
    String describe(Throwable failure) {
        return http.describe(failure);
    }
}
