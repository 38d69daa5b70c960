package dev.pkinitkdc.revocation.http;

import java.net.URI;
import java.util.Optional;

/**
 * Which HTTP redirects (RFC 9110 15.4) a revocation fetch follows: none, or only to the origin it started at, at
 * most {@link #MAX_HOPS} times. Never to another scheme or host: whoever controls a CDP or OCSP URL (or the path
 * to it) must not be able to point the KDC at another service (blind SSRF).
 */
public enum Redirects {
    NONE,
    SAME_ORIGIN;

    public static final int MAX_HOPS = 3;

    /** Why a redirect from {@code origin} to {@code target}, after {@code followed} others, is not followed. */
    Optional<String> refusal(Origin origin, URI target, int followed) {
        if (this == NONE) {
            return Optional.of("redirects are not followed ([revocation] redirects = none)");
        }
        if (target.getScheme() == null || !target.getScheme().equalsIgnoreCase(origin.scheme())) {
            return Optional.of("it leads to another scheme");
        }
        if (target.getHost() == null || !Origin.of(target).equals(origin)) {
            return Optional.of("it leads to another origin than " + origin);
        }
        if (followed >= MAX_HOPS) {
            return Optional.of("more than " + MAX_HOPS + " redirects");
        }
        return Optional.empty();
    }
}
