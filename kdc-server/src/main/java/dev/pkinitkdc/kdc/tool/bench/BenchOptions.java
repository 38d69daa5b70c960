package dev.pkinitkdc.kdc.tool.bench;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.pkinit.client.KeyExchangeChoice;
import dev.pkinitkdc.pkinit.kx.EcCurve;
import dev.pkinitkdc.pkinit.kx.ModpGroup;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code pkinit-kdc bench} was asked for.
 *
 * @param principal the cname (user or user@REALM); empty: the certificate's id-pkinit-san, else its UPN's user
 * @param rate requests per second, open loop; 0: closed loop with {@code concurrency} requests in flight
 * @param kx dh2048, dh4096, p256 or rsa
 * @param prebuild how many requests to build before the window; 0: sized from the rate or a probe
 * @param timeout how long a request may wait for its reply before it counts as a timeout
 */
public record BenchOptions(InetSocketAddress kdc, String realm, Path cert, Path key, Path anchors,
                           Optional<String> principal, Transport transport, int concurrency, int rate, Duration duration,
                           Duration warmup, String kx, OptionalLong kdcPid, Optional<Path> json,
                           boolean verifyReplies, int prebuild, Duration timeout) {
    public BenchOptions {
        Objects.requireNonNull(kdc, "--kdc");
        Objects.requireNonNull(realm, "--realm");
        Objects.requireNonNull(cert, "--cert");
        Objects.requireNonNull(key, "--key");
        Objects.requireNonNull(anchors, "--anchors");
        Objects.requireNonNull(transport, "--udp or --tcp");
        if (concurrency < 1 || concurrency > 10_000) {
            throw new IllegalArgumentException("--concurrency must be 1..10000: " + concurrency);
        }
        if (rate < 0 || rate > 1_000_000) {
            throw new IllegalArgumentException("--rate must be 1..1000000/s: " + rate);
        }
        if (duration.isNegative() || duration.isZero() || warmup.isNegative() || timeout.isNegative()
                || timeout.isZero()) {
            throw new IllegalArgumentException("--duration and --timeout must be positive, --warmup not negative");
        }
        keyExchange(kx);
        if (prebuild < 0) {
            throw new IllegalArgumentException("--prebuild must not be negative: " + prebuild);
        }
    }

    /** The key exchange named by {@code --kx} (RFC 4556 3.2.3.1 MODP 14/16, RFC 5349 P-256, 3.2.3.2 RSA). */
    public static KeyExchangeChoice keyExchange(String kx) {
        return switch (kx) {
            case "dh2048" -> new KeyExchangeChoice.Dh(ModpGroup.MODP14);
            case "dh4096" -> new KeyExchangeChoice.Dh(ModpGroup.MODP16);
            case "p256" -> new KeyExchangeChoice.Ecdh(EcCurve.P256);
            case "rsa" -> new KeyExchangeChoice.RsaKeyTransport();
            default -> throw new IllegalArgumentException("--kx must be dh2048, dh4096, p256 or rsa: " + kx);
        };
    }

    public boolean openLoop() {
        return rate > 0;
    }

    /** Defaults for everything but the KDC and the identity; {@link BenchCommand} fills those in. */
    static Builder builder() {
        return new Builder();
    }

    /** Options as parsed so far: the record's constructor checks them once all are known. */
    static final class Builder {
        InetSocketAddress kdc;
        String realm;
        Path cert;
        Path key;
        Path anchors;
        String principal;
        Transport transport = Transport.TCP;
        int concurrency = 8;
        int rate;
        Duration duration = Duration.ofSeconds(30);
        Duration warmup = Duration.ofSeconds(5);
        String kx = "dh2048";
        Long kdcPid;
        Path json;
        boolean verifyReplies;
        int prebuild;
        Duration timeout = Duration.ofSeconds(10);

        BenchOptions build() {
            return new BenchOptions(kdc, realm, cert, key, anchors, Optional.ofNullable(principal), transport,
                    concurrency, rate, duration, warmup, kx,
                    kdcPid == null ? OptionalLong.empty() : OptionalLong.of(kdcPid), Optional.ofNullable(json),
                    verifyReplies, prebuild, timeout);
        }
    }
}
