package dev.pkinitkdc.conf;

import java.util.Optional;

/**
 * {@code [metrics]}: the Prometheus text endpoint.
 *
 * @param host address the endpoint listens on (present with port)
 * @param port its port (0: any free port)
 * @param path the HTTP path metrics are served on, starting with {@code /}
 */
public record MetricsSettings(Optional<String> host, int port, String path) {
    public static final String DEFAULT_PATH = "/metrics";

    /** No endpoint. */
    public static MetricsSettings off() {
        return new MetricsSettings(Optional.empty(), 0, DEFAULT_PATH);
    }

    public boolean enabled() {
        return host.isPresent();
    }
}
