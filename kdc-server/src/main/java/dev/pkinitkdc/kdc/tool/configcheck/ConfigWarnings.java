package dev.pkinitkdc.kdc.tool.configcheck;

import dev.pkinitkdc.conf.DirectorySettings;
import dev.pkinitkdc.conf.DirectoryType;
import dev.pkinitkdc.conf.KdcConfig;
import dev.pkinitkdc.conf.MappingSettings;
import dev.pkinitkdc.conf.NtAuthSettings;
import dev.pkinitkdc.conf.PkinitSettings;
import dev.pkinitkdc.kdc.stage.revocation.ConfiguredRevocation;
import dev.pkinitkdc.kdc.stage.trust.ntauth.ConfiguredNtAuth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Every weakening a config asks for, one sentence each, as the KDC logs them at start (WARN). */
public final class ConfigWarnings {
    /** RFC 4120's and MIT's and Windows' default clock skew. */
    private static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);

    /** {@code [kdc] verbose_e_text = true}, which the lab's kdc.conf sets. */
    public static final String VERBOSE_E_TEXT = "[kdc] verbose_e_text = true: KRB-ERROR e-texts carry the full "
            + "reason, other accounts' names, DNs and SIDs and directory errors included (lab only)";

    private ConfigWarnings() {
    }

    /**
     * {@code [pkinit] dh_min_bits} under 2048: MODP group 2 (RFC 2409 6.2, 1024 bits), which AD accepts and many
     * AD-oriented tools hard-code, is below the 2048 bits of RFC 8636's and MIT's floor (pkinit_dh_min_bits).
     */
    public static String dhMinBitsWarning(int bits) {
        return "[pkinit] dh_min_bits = " + bits + ": Diffie-Hellman groups under 2048 bits are accepted"
                + (bits <= 1024 ? " (MODP group 2, 1024 bits, RFC 2409)" : "") + "; a 1024-bit discrete logarithm "
                + "is within reach of a well-funded attacker, who could then read the reply key of a recorded logon";
    }

    /** All of them: {@link #policy}, plus the NTAuth and revocation ones their own classes log at start. */
    public static List<String> all(KdcConfig config) {
        List<String> out = new ArrayList<>();
        if (config.ntauth().source() == NtAuthSettings.Source.OFF) {
            out.add(ConfiguredNtAuth.OFF_WARNING);
        }
        out.addAll(ConfiguredRevocation.weakenings(config.revocation()));
        out.addAll(policy(config));
        return List.copyOf(out);
    }

    /** The weakenings of trust, mapping and directory settings (logged by the launcher at start). */
    public static List<String> policy(KdcConfig config) {
        List<String> out = new ArrayList<>();
        if (config.kdc().maxClockSkew().compareTo(DEFAULT_CLOCK_SKEW) > 0) {
            out.add("[kdc] max_clock_skew = " + config.kdc().maxClockSkew().toSeconds() + "s: above the usual 300s, "
                    + "a longer window for replayed or stale requests (RFC 4120 1.6)");
        }
        if (config.kdc().verboseEText()) {
            out.add(VERBOSE_E_TEXT);
        }
        if (!config.trust().validitySkew().isZero()) {
            out.add("[trust] validity_skew = " + config.trust().validitySkew().toSeconds() + "s: client certificates "
                    + "that far past their notAfter (or before notBefore) are accepted");
        }
        if (config.trust().allowSha1()) {
            out.add("[trust] allow_sha1 = true: client certificate chains signed with SHA-1 are accepted");
        }
        if (config.pkinit().dhMinBits() < PkinitSettings.DEFAULT_DH_MIN_BITS) {
            out.add(dhMinBitsWarning(config.pkinit().dhMinBits()));
        }
        if (config.pkinit().allowSha1Signature()) {
            out.add("[pkinit] allow_sha1_signature = true: AuthPacks signed with SHA-1 are accepted");
        }
        if (config.pkinit().minRsaBits() < 2048) {
            out.add("[pkinit] min_rsa_bits = " + config.pkinit().minRsaBits() + ": client RSA keys below 2048 bits "
                    + "are accepted");
        }
        if (config.trust().allowNoEku()) {
            out.add("[trust] allow_no_eku = true: client certificates without a logon EKU (none, Any Purpose, "
                    + "clientAuth) are accepted");
        }
        MappingSettings mapping = config.mapping();
        if (mapping.enforcement() != MappingSettings.Enforcement.FULL) {
            out.add("[mapping] strong_mapping_enforcement = " + mapping.enforcement().name().toLowerCase(java.util.Locale.ROOT)
                    + ": certificates mapped only weakly (KB5014754) can log on");
        }
        if (!mapping.backdatingCompensation().isZero()) {
            out.add("[mapping] backdating_compensation = " + mapping.backdatingCompensation().toSeconds()
                    + "s: weakly mapped certificates issued before the account was created are accepted");
        }
        DirectorySettings dir = config.directory();
        if (dir.type() == DirectoryType.LDAP && dir.tls() == DirectorySettings.Tls.NONE
                && dir.bindPasswordFile().isPresent()) {
            out.add("[directory] tls = none with bind_password_file: the bind password crosses the network in "
                    + "clear text");
        }
        config.metrics().host().filter(host -> !loopback(host)).ifPresent(host -> out.add("[metrics] listen = "
                + host + ":" + config.metrics().port() + ": the metrics endpoint (unauthenticated HTTP) is reachable "
                + "beyond this machine"));
        return List.copyOf(out);
    }

    /** A loopback literal or localhost; no name is resolved. */
    static boolean loopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1")
                || host.equals("0:0:0:0:0:0:0:1");
    }
}
