package dev.pkinitkdc.kdc.support.telemetry;

import dev.pkinitkdc.mapping.ldap.ConnectionPoolState;
import dev.pkinitkdc.revocation.RevocationCounters;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The parts of one policy assembly that metrics read at scrape time; a reload assembles new ones and hands them
 * to {@link KdcMetrics#observe}.
 *
 * @param revocation the revocation checker's counters (fetches, grace uses, OCSP and CRL cache look-ups)
 * @param validation the validated path cache's look-ups
 * @param directoryPool the directory client's connections now, when there is a directory
 * @param kdcCertificate the KDC certificate in use now
 */
public record MetricSources(RevocationCounters revocation, CacheCounts validation,
                        Supplier<Optional<ConnectionPoolState>> directoryPool,
                        Supplier<Optional<X509Certificate>> kdcCertificate) {
    /** Before the first assembly: nothing counted, nothing to show. */
    public static final MetricSources NONE = new MetricSources(new RevocationCounters(), new CacheCounts(),
            Optional::empty, Optional::empty);

    /** Every monotonic count, by metric key ({@code cache_hits/ocsp}...). */
    Map<String, Long> counts() {
        Map<String, Long> out = revocationCounts();
        out.putAll(validationCounts());
        return out;
    }

    /** The counts of the parts {@code next} does not share (a reload's new caches), for it to carry over. */
    Map<String, Long> countsNotIn(MetricSources next) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (revocation != next.revocation) {
            out.putAll(revocationCounts());
        }
        if (validation != next.validation) {
            out.putAll(validationCounts());
        }
        return out;
    }

    private Map<String, Long> validationCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("cache_hits/validation", validation.hits());
        out.put("cache_misses/validation", validation.misses());
        return out;
    }

    private Map<String, Long> revocationCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("cache_hits/ocsp", revocation.ocspCacheHits.sum());
        out.put("cache_misses/ocsp", revocation.ocspCacheMisses.sum());
        out.put("cache_hits/crl", revocation.crlCacheHits.sum());
        out.put("cache_misses/crl", revocation.crlCacheMisses.sum());
        out.put("grace/ocsp", revocation.ocspGraceUses.get());
        out.put("grace/crl", revocation.crlGraceUses.get());
        out.put("fetches/ocsp", revocation.ocspFetches.get());
        out.put("fetch_failures/ocsp", revocation.ocspFetchFailures.get());
        out.put("fetches/crl", revocation.crlDownloads.get());
        out.put("fetch_failures/crl", revocation.crlDownloadFailures.get());
        out.put("undetermined_allowed/soft_fail", revocation.softFailAllowed.get());
        out.put("undetermined_allowed/cached_only", revocation.cachedOnlyAllowed.get());
        return out;
    }
}
