package dev.pkinitkdc.conf;

import java.util.Optional;
import java.util.Set;

/** {@code [metrics]}: {@code listen = HOST:PORT}, or {@code PORT} for 127.0.0.1:PORT. */
final class MetricsSectionBinder implements SectionBinder<MetricsSettings> {
    static final String LOOPBACK = "127.0.0.1";

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public Set<String> keys() {
        return Set.of("listen", "path");
    }

    @Override
    public MetricsSettings bind(Section s) throws ConfigException {
        Optional<HostPort> listen = s.optional("listen", MetricsSectionBinder::listen);
        String path = s.orDefault("path", MetricsSectionBinder::path, MetricsSettings.DEFAULT_PATH);
        return new MetricsSettings(listen.map(HostPort::host), listen.map(HostPort::port).orElse(0), path);
    }

    static HostPort listen(String text) throws InvalidValueException {
        if (text.chars().allMatch(Character::isDigit)) {
            return new HostPort(LOOPBACK, Values.port(text));
        }
        return HostPort.parse(text);
    }

    static String path(String text) throws InvalidValueException {
        if (!text.startsWith("/") || text.chars().anyMatch(c -> c <= ' ' || c == '?' || c == '#')) {
            throw new InvalidValueException("\"" + text + "\" is not an HTTP path (e.g. /metrics)");
        }
        return text;
    }
}
