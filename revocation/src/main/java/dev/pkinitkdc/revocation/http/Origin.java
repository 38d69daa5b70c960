package dev.pkinitkdc.revocation.http;

import java.net.URI;
import java.util.Locale;

/**
 * The origin of a URL (RFC 6454 4): scheme, host and port, the port filled in from the scheme when the URL has
 * none. What per-source limits count by and what a same-origin redirect must keep.
 */
public record Origin(String scheme, String host, int port) {
    /** @throws IllegalArgumentException for a URL without a scheme or host */
    public static Origin of(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException(uri + ": no scheme or host");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
        return new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port;
    }
}
