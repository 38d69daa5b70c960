package dev.pkinitkdc.kdc.request;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How the audit record names a certificate: subject, issuer, serial (lower-case hex) and thumbprints (upper-case
 * hex, as certutil shows them); never the key.
 */
public record CertificateFacts(String subject, String issuer, String serial, String thumbprintSha1,
                               String thumbprintSha256) {

    public static CertificateFacts of(X509Certificate cert) {
        return new CertificateFacts(cert.getSubjectX500Principal().getName(),
                cert.getIssuerX500Principal().getName(), serial(cert), thumbprint(cert, "SHA-1"),
                thumbprint(cert, "SHA-256"));
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
