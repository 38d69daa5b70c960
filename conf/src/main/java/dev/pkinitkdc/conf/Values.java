package dev.pkinitkdc.conf;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the scalar value kinds of conf/README.md. */
final class Values {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})([smhd]?)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})(|KiB|MiB|GiB)");

    private Values() {
    }

    /** A whole number with an optional unit s, m, h, d; no unit means seconds. */
    static Duration duration(String text) throws InvalidValueException {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new InvalidValueException("\"" + text + "\" is not a duration (e.g. 300, 300s, 5m)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** A duration greater than zero (timeouts, poll intervals). */
    static Duration positiveDuration(String text) throws InvalidValueException {
        Duration d = duration(text);
        if (d.isZero()) {
            throw new InvalidValueException("must be more than 0");
        }
        return d;
    }

    /** A size in bytes with an optional binary unit: {@code 65536}, {@code 64KiB}, {@code 128MiB}, {@code 1GiB}. */
    static long size(String text) throws InvalidValueException {
        Matcher m = SIZE.matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new InvalidValueException("\"" + text + "\" is not a size (e.g. 128MiB, 512KiB, 1048576)");
        }
        int shift = switch (m.group(2)) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    /** An {@code http://} URL with a host (OCSP responders are reached over HTTP, RFC 6960 A.1). */
    static URI httpUrl(String text) throws InvalidValueException {
        try {
            URI uri = new URI(text);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new InvalidValueException("\"" + text + "\" is not an http:// URL with a host");
    }

    private static final Pattern HOST = Pattern.compile(
            "[a-z0-9]([a-z0-9-]{0,62}\\.?)*[a-z0-9]|[a-z0-9]|\\[[0-9a-f:.]{2,45}\\]");

    /**
     * A host name, IPv4 address or bracketed IPv6 address as a URL carries it (RFC 3986 3.2.2), lower case; no
     * scheme, port, path or wildcard.
     */
    static String host(String text) throws InvalidValueException {
        String host = text.toLowerCase(java.util.Locale.ROOT);
        if (host.length() <= 253 && HOST.matcher(host).matches()) {
            return host;
        }
        throw new InvalidValueException("\"" + text + "\" is not a host name or IP address (no scheme, port or path)");
    }

    static int positiveInt(String text) throws InvalidValueException {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidValueException("\"" + text + "\" is not a positive whole number");
    }

    static int port(String text) throws InvalidValueException {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n <= 65535) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidValueException("\"" + text + "\" is not a port (0-65535)");
    }

    static Path path(Path folder, String text) throws InvalidValueException {
        if (text.isEmpty()) {
            throw new InvalidValueException("empty path");
        }
        try {
            return folder.resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidValueException("\"" + text + "\" is not a path: " + e.getReason());
        }
    }

    /** An {@code ldap://} or {@code ldaps://} URL. */
    static URI ldapUrl(String text) throws InvalidValueException {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (("ldap".equalsIgnoreCase(scheme) || "ldaps".equalsIgnoreCase(scheme)) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new InvalidValueException("\"" + text + "\" is not an ldap:// or ldaps:// URL with a host");
    }

    static String nonEmpty(String text) throws InvalidValueException {
        if (text.isEmpty()) {
            throw new InvalidValueException("must not be empty");
        }
        return text;
    }

    /** {@code true}/{@code false} (also yes/no, 1/0). */
    static boolean bool(String text) throws InvalidValueException {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new InvalidValueException("\"" + text + "\" is not true or false");
        };
    }

    /** A SHA-1 certificate thumbprint: 40 hex digits, spaces and colons allowed (as certutil and openssl print). */
    static String sha1Thumbprint(String text) throws InvalidValueException {
        String hex = text.replaceAll("[\\s:]", "").toUpperCase(java.util.Locale.ROOT);
        if (!hex.matches("[0-9A-F]{40}")) {
            throw new InvalidValueException("\"" + text + "\" is not a SHA-1 thumbprint (40 hex digits)");
        }
        return hex;
    }

    /** The enum constant whose lower-case name is {@code text}, e.g. {@code soft_fail}. */
    static <E extends Enum<E>> E named(Class<E> type, String text, String what)
            throws InvalidValueException {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(text)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new InvalidValueException("\"" + text + "\" is not " + what + " (" + String.join(", ", names) + ")");
    }
}
