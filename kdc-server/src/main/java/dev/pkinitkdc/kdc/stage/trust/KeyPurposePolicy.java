package dev.pkinitkdc.kdc.stage.trust;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.asn1.ExternalPrincipalIdentifiers;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/**
 * EKU and key usage a logon certificate must carry: Smart Card Logon (MS-PKCA) or id-pkinit-KPClientAuth
 * (RFC 4556 3.2.2); with {@code allowNoEku} (Windows' "allow certificates with no extended key usage" policy)
 * also none at all, Any Purpose or clientAuth. Key usage, when present, must include digitalSignature
 * (RFC 5280 4.2.1.3).
 */
public final class KeyPurposePolicy {
    public static final String SMART_CARD_LOGON = "1.3.6.1.4.1.311.20.2.2";
    public static final String PKINIT_CLIENT_AUTH = "1.3.6.1.5.2.3.4";
    static final String ANY_PURPOSE = "2.5.29.37.0";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final Set<String> LOGON = Set.of(SMART_CARD_LOGON, PKINIT_CLIENT_AUTH);
    private static final Set<String> LOOSE = Set.of(SMART_CARD_LOGON, PKINIT_CLIENT_AUTH, ANY_PURPOSE, CLIENT_AUTH);
    private static final int DIGITAL_SIGNATURE = 0;

    private final boolean allowNoEku;

    public KeyPurposePolicy(boolean allowNoEku) {
        this.allowNoEku = allowNoEku;
    }

    public KeyPurposePolicy() {
        this(false);
    }

    public void check(X509Certificate cert) throws KdcFailure {
        List<String> ekus;
        try {
            ekus = cert.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw refused(cert, "unreadable extended key usage");
        }
        boolean accepted = ekus == null ? allowNoEku
                : ekus.stream().anyMatch(allowNoEku ? LOOSE::contains : LOGON::contains);
        if (!accepted) {
            throw refused(cert, "certificate EKU " + (ekus == null ? "absent" : ekus) + " has neither Smart Card "
                    + "Logon nor id-pkinit-KPClientAuth" + (allowNoEku ? " (nor Any Purpose, clientAuth)" : ""));
        }
        boolean[] ku = cert.getKeyUsage();
        if (ku != null && !ku[DIGITAL_SIGNATURE]) {
            throw refused(cert, "key usage lacks digitalSignature");
        }
    }

    private static KdcFailure refused(X509Certificate cert, String text) {
        return new KdcFailure(FailureReason.KEY_PURPOSE_INCONSISTENT, text,
                ExternalPrincipalIdentifiers.invalidCertificates(List.of(cert)), null);
    }
}
