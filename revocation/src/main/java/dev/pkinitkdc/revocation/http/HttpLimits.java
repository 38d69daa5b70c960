package dev.pkinitkdc.revocation.http;

import java.util.Objects;

/**
 * What bounds revocation fetches beyond their own size and time: the redirect policy ({@code [revocation]
 * redirects}) and the per-origin concurrency limit ({@code [revocation] max_fetches_per_host}), one instance
 * shared by the OCSP and CRL sources so one host sees at most that many of the KDC's connections.
 */
public record HttpLimits(Redirects redirects, PerOriginLimit perOrigin) {
    public HttpLimits {
        Objects.requireNonNull(redirects);
        Objects.requireNonNull(perOrigin);
    }

    public static HttpLimits of(Redirects redirects, int maxPerOrigin) {
        return new HttpLimits(redirects, new PerOriginLimit(maxPerOrigin));
    }

    /** No redirects, {@link PerOriginLimit#DEFAULT_MAX} fetches per origin (a new limit, not shared). */
    public static HttpLimits defaults() {
        return of(Redirects.NONE, PerOriginLimit.DEFAULT_MAX);
    }
}
