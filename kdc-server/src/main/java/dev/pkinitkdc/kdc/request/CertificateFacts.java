package dev.pkinitkdc.kdc.request;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/** How the audit record names a certificate: subject, issuer, serial and thumbprints (never the key). */
public final class CertificateFacts {
    private CertificateFacts() {
    }

    /** {@code subject, issuer, serial} (lower-case hex), {@code thumbprint_sha1, _sha256} (upper-case hex). */
    public static Map<String, Object> of(X509Certificate cert) {
        return AuditRecord.object("subject", cert.getSubjectX500Principal().getName(),
                "issuer", cert.getIssuerX500Principal().getName(),
                "serial", serial(cert),
                "thumbprint_sha1", thumbprint(cert, "SHA-1"),
                "thumbprint_sha256", thumbprint(cert, "SHA-256"));
    }

    public static String serial(X509Certificate cert) {
        return cert.getSerialNumber().toString(16).toLowerCase(Locale.ROOT);
    }

    /** The digest of the DER encoding in upper-case hex, as Windows' certutil shows thumbprints. */
    public static String thumbprint(X509Certificate cert, String digest) {
        try {
            byte[] hash = MessageDigest.getInstance(digest).digest(cert.getEncoded());
            return HexFormat.of().withUpperCase().formatHex(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
