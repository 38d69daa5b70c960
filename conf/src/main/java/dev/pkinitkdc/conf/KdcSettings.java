package dev.pkinitkdc.conf;

import java.time.Duration;
import java.util.List;

/**
 * {@code [kdc]}: realm, listen addresses, RFC 4120 clock skew and lifetimes, offered enctypes, worker threads.
 *
 * @param udpMaxReply largest reply sent over UDP; a larger one becomes KRB_ERR_RESPONSE_TOO_BIG (RFC 4120 7.2.1)
 * @param cryptoProvider who signs with the KDC's key: auto (a native provider when one loads, else JDK/Bouncy
 *        Castle) or jdk (always JDK/Bouncy Castle)
 * @param shutdownGrace on SIGTERM/SIGINT, how long requests in flight may take to finish after the listeners close
 * @param reloadInterval how often the config file and the files it references are checked for a change that
 *        reloads the KDC's policy without a restart; zero: only on SIGHUP
 * @param verboseEText lab only: KRB-ERROR e-texts carry the full reason (other accounts' DNs, directory
 *        errors) instead of the text about the client's own request and certificate
 * @param limits the bounds on unauthenticated work: requests at once, TCP connections, TCP request deadline and size
 */
public record KdcSettings(String realm, List<ListenAddress> listen, Duration maxClockSkew, Duration ticketLifetime,
                          Duration renewableLifetime, List<String> enctypes, int workers, int udpMaxReply,
                          CryptoProvider cryptoProvider, Duration shutdownGrace, Duration reloadInterval,
                          boolean verboseEText, RequestLimits limits) {
    /** {@code [kdc] crypto_provider}. */
    public enum CryptoProvider { AUTO, JDK }

    /** Windows' KDC default (MaxDatagramReplySize); MIT's kdc_max_dgram_reply_size defaults to 4096. */
    public static final int DEFAULT_UDP_MAX_REPLY = 1465;

    /** Default of {@code [kdc] shutdown_grace}; the systemd unit's TimeoutStopSec is above it. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(5);

    /** The enctype names kdc.conf accepts (RFC 8009, RFC 3962), in the default order. */
    public static final List<String> SUPPORTED_ENCTYPES = List.of("aes256-cts-hmac-sha384-192",
            "aes128-cts-hmac-sha256-128", "aes256-cts-hmac-sha1-96", "aes128-cts-hmac-sha1-96");

    public KdcSettings {
        listen = List.copyOf(listen);
        enctypes = List.copyOf(enctypes);
    }

    public KdcSettings(String realm, List<ListenAddress> listen, Duration maxClockSkew, Duration ticketLifetime,
                       Duration renewableLifetime, List<String> enctypes, int workers) {
        this(realm, listen, maxClockSkew, ticketLifetime, renewableLifetime, enctypes, workers,
                DEFAULT_UDP_MAX_REPLY, CryptoProvider.AUTO, DEFAULT_SHUTDOWN_GRACE, DEFAULT_RELOAD_INTERVAL, false,
                RequestLimits.defaults());
    }

    public KdcSettings(String realm, List<ListenAddress> listen, Duration maxClockSkew, Duration ticketLifetime,
                       Duration renewableLifetime, List<String> enctypes, int workers, int udpMaxReply,
                       CryptoProvider cryptoProvider, Duration shutdownGrace) {
        this(realm, listen, maxClockSkew, ticketLifetime, renewableLifetime, enctypes, workers, udpMaxReply,
                cryptoProvider, shutdownGrace, DEFAULT_RELOAD_INTERVAL, false, RequestLimits.defaults());
    }
}
