package dev.pkinitkdc.conf;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code [kdc]}. */
final class KdcSectionBinder implements SectionBinder<KdcSettings> {
    @Override
    public String name() {
        return "kdc";
    }

    @Override
    public Set<String> keys() {
        return Set.of("realm", "listen", "max_clock_skew", "ticket_lifetime", "renewable_lifetime", "enctypes",
                "workers", "udp_max_reply", "crypto_provider", "shutdown_grace", "reload_interval",
                "verbose_e_text", "max_pending_requests", "max_pending_requests_per_source", "max_tcp_connections",
                "max_tcp_connections_per_source", "tcp_frame_deadline", "max_request_size");
    }

    @Override
    public KdcSettings bind(Section s) throws ConfigException {
        return new KdcSettings(
                s.required("realm", Values::nonEmpty),
                s.requiredList("listen", ListenAddress::parse),
                s.orDefault("max_clock_skew", Values::duration, Duration.ofSeconds(300)),
                s.orDefault("ticket_lifetime", Values::duration, Duration.ofHours(10)),
                s.orDefault("renewable_lifetime", Values::duration, Duration.ofDays(7)),
                s.has("enctypes") ? distinct(s.requiredList("enctypes", KdcSectionBinder::enctype))
                        : KdcSettings.SUPPORTED_ENCTYPES,
                s.orDefault("workers", Values::positiveInt, Runtime.getRuntime().availableProcessors()),
                s.orDefault("udp_max_reply", Values::positiveInt, KdcSettings.DEFAULT_UDP_MAX_REPLY),
                s.orDefault("crypto_provider", text -> Values.named(KdcSettings.CryptoProvider.class, text,
                        "a crypto provider choice"), KdcSettings.CryptoProvider.AUTO),
                s.orDefault("shutdown_grace", Values::duration, KdcSettings.DEFAULT_SHUTDOWN_GRACE),
                s.orDefault("reload_interval", Values::duration, KdcSettings.DEFAULT_RELOAD_INTERVAL),
                s.orDefault("verbose_e_text", Values::bool, false),
                limits(s));
    }

    private static RequestLimits limits(Section s) throws ConfigException {
        return new RequestLimits(
                s.orDefault("max_pending_requests", Values::positiveInt, RequestLimits.DEFAULT_MAX_PENDING_REQUESTS),
                s.orDefault("max_pending_requests_per_source", Values::positiveInt,
                        RequestLimits.DEFAULT_MAX_PENDING_REQUESTS_PER_SOURCE),
                s.orDefault("max_tcp_connections", Values::positiveInt, RequestLimits.DEFAULT_MAX_TCP_CONNECTIONS),
                s.orDefault("max_tcp_connections_per_source", Values::positiveInt,
                        RequestLimits.DEFAULT_MAX_TCP_CONNECTIONS_PER_SOURCE),
                s.orDefault("tcp_frame_deadline", Values::positiveDuration, RequestLimits.DEFAULT_TCP_FRAME_DEADLINE),
                s.orDefault("max_request_size", KdcSectionBinder::requestSize, RequestLimits.DEFAULT_MAX_REQUEST_SIZE));
    }

    /** RFC 4120 7.2.2 reserves the length's high bit; a few KiB are needed for a PKINIT request. */
    private static int requestSize(String text) throws InvalidValueException {
        long size = Values.size(text);
        if (size < 4096 || size > 16L << 20) {
            throw new InvalidValueException("\"" + text + "\" is not between 4KiB and 16MiB");
        }
        return (int) size;
    }

    static String enctype(String text) throws InvalidValueException {
        String name = text.toLowerCase(Locale.ROOT);
        if (!KdcSettings.SUPPORTED_ENCTYPES.contains(name)) {
            throw new InvalidValueException("\"" + text + "\" is not a supported enctype (supported: "
                    + String.join(", ", KdcSettings.SUPPORTED_ENCTYPES) + ")");
        }
        return name;
    }

    private static List<String> distinct(List<String> names) {
        return names.stream().distinct().toList();
    }
}
