package dev.pkinitkdc.kdc.validate;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/**
 * EKU and key usage a logon certificate must carry: Smart Card Logon (MS-PKCA) or id-pkinit-KPClientAuth
 * (RFC 4556 3.2.2), and digitalSignature when key usage is present (RFC 5280 4.2.1.3).
 */
public final class KeyPurposePolicy {
    public static final String SMART_CARD_LOGON = "1.3.6.1.4.1.311.20.2.2";
    public static final String PKINIT_CLIENT_AUTH = "1.3.6.1.5.2.3.4";
    private static final Set<String> ACCEPTED = Set.of(SMART_CARD_LOGON, PKINIT_CLIENT_AUTH);
    private static final int DIGITAL_SIGNATURE = 0;

    public void check(X509Certificate cert) throws KdcFailure {
        List<String> ekus;
        try {
            ekus = cert.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new KdcFailure(FailureReason.KEY_PURPOSE_INCONSISTENT, "unreadable extended key usage");
        }
        if (ekus == null || ekus.stream().noneMatch(ACCEPTED::contains)) {
            throw new KdcFailure(FailureReason.KEY_PURPOSE_INCONSISTENT,
                    "certificate EKU " + (ekus == null ? "absent" : ekus)
                            + " has neither Smart Card Logon nor id-pkinit-KPClientAuth");
        }
        boolean[] ku = cert.getKeyUsage();
        if (ku != null && !ku[DIGITAL_SIGNATURE]) {
            throw new KdcFailure(FailureReason.KEY_PURPOSE_INCONSISTENT, "key usage lacks digitalSignature");
        }
    }
}
