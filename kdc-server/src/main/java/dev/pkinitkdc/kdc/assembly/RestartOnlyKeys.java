package dev.pkinitkdc.kdc.assembly;

import dev.pkinitkdc.conf.ConfigLines;
import dev.pkinitkdc.conf.DirectoryType;
import dev.pkinitkdc.conf.KdcConfig;
import dev.pkinitkdc.conf.KdcSettings;
import java.util.List;
import java.util.Set;

/**
 * The keys a reload cannot apply: what the listeners, the worker pool and the watcher were started with
 * ({@code [kdc] realm, listen, workers, udp_max_reply}, the request and connection limits; {@code shutdown_grace},
 * which the launcher read at start), and an embedded directory, which holds
 * live data ({@code [directory]}, {@code [attributes]}; also a change of directory type), and the telemetry made
 * once per runtime ({@code [audit]}, {@code [metrics]}: the audit file and the endpoint). A reload keeps their
 * running values and applies the rest.
 *
 * @param effective the new configuration with the running values of the restart-only keys
 * @param ignored the changed keys whose change waits for a restart
 */
record RestartOnlyKeys(KdcConfig effective, List<ConfigLines.Key> ignored) {
    private static final Set<String> KDC_KEYS = Set.of("realm", "listen", "workers", "udp_max_reply",
            "shutdown_grace", "max_pending_requests", "max_pending_requests_per_source", "max_tcp_connections",
            "max_tcp_connections_per_source", "tcp_frame_deadline", "max_request_size");

    static RestartOnlyKeys of(KdcConfig running, KdcConfig parsed, List<ConfigLines.Key> changed) {
        KdcSettings r = running.kdc();
        KdcSettings p = parsed.kdc();
        KdcSettings kdc = new KdcSettings(r.realm(), r.listen(), p.maxClockSkew(), p.ticketLifetime(),
                p.renewableLifetime(), p.enctypes(), r.workers(), r.udpMaxReply(), p.cryptoProvider(),
                r.shutdownGrace(), p.reloadInterval(), p.verboseEText(), r.limits());
        boolean keepDirectory = running.directory().type() == DirectoryType.EMBEDDED
                || running.directory().type() != parsed.directory().type();
        KdcConfig effective = new KdcConfig(parsed.file(), kdc, parsed.identity(), parsed.trust(), parsed.pkinit(),
                keepDirectory ? running.directory() : parsed.directory(), parsed.krbtgt(), parsed.mapping(),
                keepDirectory ? running.attributes() : parsed.attributes(), parsed.ntauth(), parsed.revocation(),
                running.audit(), running.metrics(), parsed.services());
        List<ConfigLines.Key> ignored = changed.stream().filter(k -> k.section().equals("kdc")
                        && KDC_KEYS.contains(k.key())
                        || keepDirectory && (k.section().equals("directory") || k.section().equals("attributes"))
                        || k.section().equals("audit") || k.section().equals("metrics"))
                .toList();
        return new RestartOnlyKeys(effective, ignored);
    }
}
