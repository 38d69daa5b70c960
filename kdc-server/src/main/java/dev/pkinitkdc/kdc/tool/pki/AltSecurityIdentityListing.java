package dev.pkinitkdc.kdc.tool.pki;

import dev.pkinitkdc.mapping.altsec.AltSecurityIdentity;
import java.io.PrintStream;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The altSecurityIdentities values that would map a certificate (KB5014754), as AD stores them: DNs in reverse
 * order, the {@code <SR>} serial byte-reversed. They come from {@link AltSecurityIdentity#strongForms} and
 * {@link AltSecurityIdentity#weakForms}, the forms the KDC's matcher searches for, so a printed value maps.
 */
final class AltSecurityIdentityListing {
    static final String STRONG_HEADING = "altSecurityIdentities that map this certificate strongly (any one):";
    static final String WEAK_HEADING = "weak altSecurityIdentities (refused under full enforcement, the default):";

    private AltSecurityIdentityListing() {
    }

    static void print(PrintStream out, X509Certificate certificate) {
        section(out, STRONG_HEADING, AltSecurityIdentity.strongForms(certificate));
        section(out, WEAK_HEADING, AltSecurityIdentity.weakForms(certificate));
    }

    private static void section(PrintStream out, String heading, List<AltSecurityIdentity> forms) {
        if (forms.isEmpty()) {
            return;
        }
        out.println(heading);
        for (AltSecurityIdentity form : forms) {
            out.println("  " + form.adValue());
        }
    }
}
