package dev.pkinitkdc.kdc.stage.trust;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.asn1.ExternalPrincipalIdentifiers;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

/**
 * Digests a certificate signature may use (RFC 4556 3.2.2: KDC_ERR_DIGEST_IN_CERT_NOT_ACCEPTED). MD2 and MD5
 * never; SHA-1 only when allowed (off by default: SHA-1 collisions are practical since 2020).
 */
public final class SignatureDigestPolicy {
    private final boolean allowSha1;

    public SignatureDigestPolicy(boolean allowSha1) {
        this.allowSha1 = allowSha1;
    }

    /** @param path the certification path, end entity first, trust anchor excluded */
    public void check(List<X509Certificate> path) throws KdcFailure {
        for (X509Certificate cert : path) {
            String alg = cert.getSigAlgName().toUpperCase(Locale.ROOT);
            boolean md = alg.startsWith("MD2") || alg.startsWith("MD5");
            boolean sha1 = alg.startsWith("SHA1");
            if (md || sha1 && !allowSha1) {
                throw new KdcFailure(FailureReason.DIGEST_IN_CERT_NOT_ACCEPTED, cert.getSubjectX500Principal().getName()
                        + " is signed with " + cert.getSigAlgName() + (sha1 ? " (SHA-1 not allowed)" : ""),
                        ExternalPrincipalIdentifiers.invalidCertificates(List.of(cert)), null);
            }
        }
    }
}
