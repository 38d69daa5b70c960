package dev.pkinitkdc.kdc.tool.lab;

import dev.pkinitkdc.conf.HostPort;
import dev.pkinitkdc.kdc.tool.labpki.LabLayout;
import java.util.Locale;

/** The client configuration for MIT kinit: realm, KDC address and PKINIT trust anchor, absolute paths only. */
final class Krb5Conf {
    private Krb5Conf() {
    }

    static String render(LabLayout layout, String realm, String host, int port) {
        String domain = realm.toLowerCase(Locale.ROOT);
        // No udp_preference_limit: kinit tries UDP first and falls back to TCP; the KDC serves both.
        return """
                # krb5.conf for the pkinit-kdc lab, rewritten on every `pkinit-kdc lab` run.
                # Use it with KRB5_CONFIG=%1$s
                [libdefaults]
                    default_realm = %2$s
                    dns_lookup_kdc = false
                    dns_lookup_realm = false
                    rdns = false

                [realms]
                    %2$s = {
                        kdc = %3$s
                        # the KDC certificate must chain to this root (MIT pkinit_anchors)
                        pkinit_anchors = FILE:%4$s
                        pkinit_pool = FILE:%5$s
                    }

                [domain_realm]
                    .%6$s = %2$s
                    %6$s = %2$s
                """.formatted(layout.krb5Conf(), realm, HostPort.format(host, port), layout.rootCertificate(),
                layout.issuingCertificate(), domain);
    }
}
