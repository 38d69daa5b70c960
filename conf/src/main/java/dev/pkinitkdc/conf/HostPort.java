package dev.pkinitkdc.conf;

/**
 * {@code HOST:PORT} with an IPv6 host in brackets ({@code [::1]:88}, RFC 3986 3.2.2), as the configuration, krb5.conf
 * and URLs write it; the host is kept without brackets.
 */
public record HostPort(String host, int port) {

    static HostPort parse(String text) throws InvalidValueException {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new InvalidValueException("no :PORT");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
            if (host.isEmpty() || !host.contains(":")) {
                throw new InvalidValueException("\"[" + host + "]\" is not an IPv6 address");
            }
        } else if (host.contains(":") || host.contains("[") || host.contains("]")) {
            throw new InvalidValueException("an IPv6 host must be in brackets");
        }
        return new HostPort(host, Values.port(text.substring(colon + 1)));
    }

    /** {@code host:port}, or {@code [host]:port} for an IPv6 address. */
    public static String format(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
