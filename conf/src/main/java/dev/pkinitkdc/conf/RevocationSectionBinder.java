package dev.pkinitkdc.conf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** {@code [revocation]}. */
final class RevocationSectionBinder implements SectionBinder<RevocationSettings> {
    @Override
    public String name() {
        return "revocation";
    }

    @Override
    public Set<String> keys() {
        return Set.of("mode", "order", "scope", "ocsp_responder", "ocsp_timeout", "ocsp_grace", "ocsp_nonce",
                "crl_timeout", "crl_grace", "crl_mirror", "crl_cache_dir", "crl_mirror_poll", "crl_max_size",
                "ocsp_max_age", "cache_dir", "redirects", "max_fetches_per_host");
    }

    @Override
    public RevocationSettings bind(Section s) throws ConfigException {
        RevocationSettings d = RevocationSettings.defaults();
        return new RevocationSettings(
                s.orDefault("mode", text -> Values.named(RevocationSettings.Mode.class, text, "a revocation mode"), d.mode()),
                order(s, d.order()),
                s.orDefault("scope", text -> Values.named(RevocationSettings.Scope.class, text, "a revocation scope"),
                        d.scope()),
                s.optional("ocsp_responder", Values::httpUrl),
                s.orDefault("ocsp_timeout", Values::positiveDuration, d.ocspTimeout()),
                s.orDefault("ocsp_grace", RevocationSectionBinder::grace, d.ocspGrace()),
                s.orDefault("ocsp_nonce", Values::bool, d.ocspNonce()),
                s.orDefault("crl_timeout", Values::positiveDuration, d.crlTimeout()),
                s.orDefault("crl_grace", RevocationSectionBinder::grace, d.crlGrace()),
                s.list("crl_mirror", s::path),
                cacheDir(s),
                s.orDefault("crl_mirror_poll", Values::positiveDuration, d.crlMirrorPoll()),
                s.orDefault("crl_max_size", Values::size, d.crlMaxBytes()),
                s.orDefault("ocsp_max_age", RevocationSectionBinder::maxAge, d.ocspMaxAge()),
                s.orDefault("redirects", text -> Values.named(RevocationSettings.Redirects.class, text,
                        "a redirect policy"), d.redirects()),
                s.orDefault("max_fetches_per_host", RevocationSectionBinder::fetchesPerHost, d.maxFetchesPerHost()));
    }

    /**
     * {@code cache_dir}, or its older spelling {@code crl_cache_dir} (from when the folder held only CRLs); giving
     * both is an error, so two folders cannot be meant.
     */
    private static Optional<Path> cacheDir(Section s) throws ConfigException {
        if (s.has("cache_dir") && s.has("crl_cache_dir")) {
            throw s.error("cache_dir", "crl_cache_dir is its older spelling and is given too; keep cache_dir");
        }
        return s.has("cache_dir") ? s.optional("cache_dir", s::path) : s.optional("crl_cache_dir", s::path);
    }

    /** {@code ocsp, crl}, either alone; each at most once. */
    private static List<RevocationSettings.Source> order(Section s, List<RevocationSettings.Source> defaults)
            throws ConfigException {
        if (!s.has("order")) {
            return defaults;
        }
        List<RevocationSettings.Source> order = s.requiredList("order",
                text -> Values.named(RevocationSettings.Source.class, text, "a revocation source"));
        List<RevocationSettings.Source> seen = new ArrayList<>();
        for (RevocationSettings.Source source : order) {
            if (seen.contains(source)) {
                throw s.error("order", source.name().toLowerCase(Locale.ROOT) + " is given twice");
            }
            seen.add(source);
        }
        return order;
    }

    /** 1 to 64 downloads at once to one origin. */
    private static int fetchesPerHost(String text) throws InvalidValueException {
        int n = Values.positiveInt(text);
        if (n > RevocationSettings.MAX_FETCHES_PER_HOST) {
            throw new InvalidValueException("\"" + text + "\" is more than the " + RevocationSettings.MAX_FETCHES_PER_HOST
                    + " maximum");
        }
        return n;
    }

    /**
     * A grace period: a duration with its unit (e.g. {@code 48h}; a bare number would silently mean seconds where
     * Windows' CRLValidityExtensionPeriod means hours), 0 to 2000 hours.
     */
    private static Duration grace(String text) throws InvalidValueException {
        Duration grace = withUnit(text, "e.g. 48h (0h to 2000h)");
        if (grace.compareTo(RevocationSettings.MAX_GRACE) > 0) {
            throw new InvalidValueException("\"" + text + "\" is more than the 2000h maximum");
        }
        return grace;
    }

    /** {@code ocsp_max_age}: a duration with its unit ({@code 7d}, {@code 168h}, {@code 3600s}), more than 0. */
    private static Duration maxAge(String text) throws InvalidValueException {
        Duration age = withUnit(text, "e.g. 7d, 168h or 3600s");
        if (age.isZero()) {
            throw new InvalidValueException("must be more than 0");
        }
        return age;
    }

    private static Duration withUnit(String text, String example) throws InvalidValueException {
        if (!text.matches("\\d+[smhd]")) {
            throw new InvalidValueException("\"" + text + "\" needs a unit, " + example);
        }
        return Values.duration(text);
    }
}
