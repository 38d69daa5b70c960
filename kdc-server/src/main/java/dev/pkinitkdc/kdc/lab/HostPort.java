package dev.pkinitkdc.kdc.lab;

/** {@code host:port}, with an IPv6 address in brackets (RFC 3986 3.2.2), as krb5.conf and kdc.conf write it. */
final class HostPort {
    private HostPort() {
    }

    static String format(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
