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
                "verbose_e_text");
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
                s.orDefault("verbose_e_text", Values::bool, false));
    }

    private static String enctype(String text) throws InvalidValueException {
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
