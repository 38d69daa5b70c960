package dev.pkinitkdc.conf;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/** One {@code [kdc] listen} entry: {@code udp:HOST:PORT} or {@code tcp:HOST:PORT}; an IPv6 host has no brackets here. */
public record ListenAddress(Transport transport, String host, int port) {
    public ListenAddress {
        Objects.requireNonNull(transport);
        Objects.requireNonNull(host);
    }

    /** Parses {@code udp:0.0.0.0:88}, {@code tcp:[::1]:88}. */
    static ListenAddress parse(String text) throws InvalidValueException {
        int colon = text.indexOf(':');
        String scheme = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
        try {
            Transport transport = Arrays.stream(Transport.values()).filter(t -> t.scheme().equals(scheme))
                    .findFirst().orElseThrow(() -> new InvalidValueException("no udp: or tcp:"));
            HostPort hp = HostPort.parse(text.substring(colon + 1));
            return new ListenAddress(transport, hp.host(), hp.port());
        } catch (InvalidValueException e) {
            throw new InvalidValueException("\"" + text + "\" is not a listen address (e.g. udp:0.0.0.0:88, "
                    + "tcp:[::1]:88): " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return transport.scheme() + ":" + HostPort.format(host, port);
    }
}
