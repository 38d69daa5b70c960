package dev.pkinitkdc.conf;

import java.util.Locale;

/** The transport of a KDC listen address (RFC 4120 7.2.1, 7.2.2). */
public enum Transport {
    UDP, TCP;

    /**
     * The transport's one text form, {@code udp} or {@code tcp}: the scheme of a {@code [kdc] listen} entry, the
     * audit line's {@code transport} value and the {@code transport} label of the metrics.
     */
    public String scheme() {
        return name().toLowerCase(Locale.ROOT);
    }
}
