package dev.pkinitkdc.kdc.stage.revocation;

import dev.pkinitkdc.conf.RevocationSettings;
import dev.pkinitkdc.mapping.ldap.LdapDirectorySettings;
import dev.pkinitkdc.revocation.GracePeriod;
import dev.pkinitkdc.revocation.RevocationChecker;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationMode;
import dev.pkinitkdc.revocation.RevocationScope;
import dev.pkinitkdc.revocation.RevocationSource;
import dev.pkinitkdc.revocation.RevokedLedger;
import dev.pkinitkdc.revocation.crl.CrlOptions;
import dev.pkinitkdc.revocation.crl.CrlSource;
import dev.pkinitkdc.revocation.http.HttpLimits;
import dev.pkinitkdc.revocation.http.Redirects;
import dev.pkinitkdc.revocation.ocsp.OcspOptions;
import dev.pkinitkdc.revocation.ocsp.OcspSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The revocation checker a {@code [revocation]} section describes: the OCSP and CRL sources in the configured
 * order (none in mode off), closed with the KDC. Says at start, as a WARN, every way the configuration weakens
 * revocation checking.
 */
public final class ConfiguredRevocation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredRevocation.class);

    private final RevocationChecker checker;
    private final RevocationCounters counters;
    private final List<AutoCloseable> sources;
    private final List<CrlSource> crlSources;

    private ConfiguredRevocation(RevocationChecker checker, RevocationCounters counters, List<AutoCloseable> sources,
                                 List<CrlSource> crlSources) {
        this.checker = checker;
        this.counters = counters;
        this.sources = sources;
        this.crlSources = crlSources;
    }

    public static ConfiguredRevocation start(RevocationSettings settings, Clock clock) {
        return start(settings, clock, new RevocationCounters());
    }

    /** @param counters where the sources count what they do (kept across reloads, so metrics do not restart) */
    public static ConfiguredRevocation start(RevocationSettings settings, Clock clock, RevocationCounters counters) {
        return start(settings, clock, counters, Optional.empty());
    }

    /**
     * @param directory the KDC's {@code [directory]}, asked for host-less LDAP CRL distribution points (AD CS);
     *     empty: such distribution points are unavailable
     */
    public static ConfiguredRevocation start(RevocationSettings settings, Clock clock, RevocationCounters counters,
                                             Optional<LdapDirectorySettings> directory) {
        RevokedLedger ledger = ledger(settings, clock);
        List<CrlSource> crls = new ArrayList<>();
        RevocationMode mode = RevocationMode.valueOf(settings.mode().name());
        List<RevocationSource> inOrder = new ArrayList<>();
        List<AutoCloseable> closeable = new ArrayList<>();
        HttpLimits http = httpLimits(settings);   // one per-host limit for the OCSP and CRL sources together
        if (mode != RevocationMode.OFF) {
            // one CRL source: in the order if configured, and always for delegated OCSP responders' own status
            CrlSource crl = new CrlSource(crlOptions(settings, http, directory), clock, counters);
            crls.add(crl);
            for (RevocationSettings.Source source : settings.order()) {
                switch (source) {
                    case OCSP -> {
                        OcspSource ocsp = new OcspSource(ocspOptions(settings, http), clock, counters, crl);
                        inOrder.add(ocsp);
                        closeable.add(ocsp);
                    }
                    case CRL -> inOrder.add(crl);
                }
            }
            closeable.add(crl); // after the OCSP source, which may be waiting for it
        }
        warnAboutWeakenings(settings);
        return new ConfiguredRevocation(new RevocationChecker(inOrder, mode,
                RevocationScope.valueOf(settings.scope().name()), counters, ledger), counters,
                closeable, List.copyOf(crls));
    }

    /** The ledger of revoked serials ("revoked is sticky"): in the cache folder, else in memory, said at start. */
    static RevokedLedger ledger(RevocationSettings settings, Clock clock) {
        if (settings.mode() == RevocationSettings.Mode.OFF) {
            return RevokedLedger.inMemory(clock);
        }
        if (settings.cacheDir().isEmpty()) {
            LOG.info("no [revocation] cache_dir: the revoked serials this KDC has seen stated are remembered in "
                    + "memory only, until a restart or a reload that changes [revocation]");
            return RevokedLedger.inMemory(clock);
        }
        return RevokedLedger.inFolder(settings.cacheDir().get(), clock);
    }

    /** Reads the CRL mirror files again now rather than at the next poll; completes when they are read. */
    public CompletableFuture<Void> rereadMirrors() {
        return CompletableFuture.allOf(crlSources.stream().map(CrlSource::rereadMirror)
                .toArray(CompletableFuture[]::new));
    }

    static OcspOptions ocspOptions(RevocationSettings s, HttpLimits http) {
        return new OcspOptions(s.ocspResponder(), s.ocspTimeout(), new GracePeriod(s.ocspGrace()), s.ocspNonce(),
                s.ocspMaxAge(), http);
    }

    static CrlOptions crlOptions(RevocationSettings s, HttpLimits http) {
        return new CrlOptions(s.crlTimeout(), new GracePeriod(s.crlGrace()), s.crlMirror(), s.crlCacheDir(),
                s.crlMirrorPoll(), s.crlMaxBytes(), Optional.empty(), http);
    }

    /** {@code redirects} and {@code max_fetches_per_host}. */
    static HttpLimits httpLimits(RevocationSettings s) {
        return HttpLimits.of(Redirects.valueOf(s.redirects().name()), s.maxFetchesPerHost());
    }

    static CrlOptions crlOptions(RevocationSettings s, HttpLimits http, Optional<LdapDirectorySettings> directory) {
        CrlOptions options = crlOptions(s, http);
        return directory.map(d -> options.withDirectory(new DirectoryCrlEndpoint(d))).orElse(options);
    }

    /** The weakenings an operator must not miss, one WARN line each; none for the defaults. */
    public static List<String> weakenings(RevocationSettings s) {
        List<String> out = new ArrayList<>();
        switch (s.mode()) {
            case OFF -> out.add("[revocation] mode = off: CLIENT CERTIFICATES ARE NOT CHECKED FOR REVOCATION; "
                    + "a revoked certificate logs on. Lab use only.");
            case SOFT_FAIL -> out.add("[revocation] mode = soft_fail: a certificate whose revocation status cannot "
                    + "be established (responder down, CRL expired) is allowed");
            case CACHED_ONLY -> out.add("[revocation] mode = cached_only: only cached OCSP responses and CRLs are "
                    + "used on the request path (missing ones are fetched in the background), and a status that "
                    + "cannot be established from them is allowed");
            case HARD_FAIL -> { }
        }
        if (s.mode() != RevocationSettings.Mode.OFF) {
            if (!s.ocspGrace().isZero() && s.order().contains(RevocationSettings.Source.OCSP)) {
                out.add("[revocation] ocsp_grace = " + s.ocspGrace().toHours() + "h: expired OCSP responses are "
                        + "trusted that long after their nextUpdate");
            }
            if (!s.crlGrace().isZero() && s.order().contains(RevocationSettings.Source.CRL)) {
                out.add("[revocation] crl_grace = " + s.crlGrace().toHours() + "h: expired CRLs are trusted that "
                        + "long after their nextUpdate");
            }
            if (s.scope() == RevocationSettings.Scope.END_ENTITY) {
                out.add("[revocation] scope = end_entity: a revoked intermediate CA is not noticed");
            }
        }
        return out;
    }

    private static void warnAboutWeakenings(RevocationSettings s) {
        weakenings(s).forEach(w -> LOG.warn("{}", w));
    }

    public RevocationChecker checker() {
        return checker;
    }

    /** What revocation checking has done so far, for metrics. */
    public RevocationCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        for (AutoCloseable source : sources) {
            try {
                source.close();
            } catch (Exception e) {
                LOG.warn("closing revocation source {} failed: {}", source, e.toString());
            }
        }
    }
}
