package dev.pkinitkdc.pkinit.server;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A PA-PK-AS-REQ whose SignedData signature, paChecksum, nonce and ctime have been checked (RFC 4556 3.2.2).
 * The client certificate is not yet validated: that is the validate stage's work.
 *
 * @param clientCertificate the certificate that verified the signature
 * @param certificates every certificate carried in the SignedData (candidate intermediates)
 * @param supportedKdfs the client's supportedKDFs OIDs in its order of preference (RFC 8636), empty if absent
 * @param freshnessToken RFC 8070 token, or null
 * @param authPackDigest SHA-256 of the AuthPack exactly as signed, which identifies it for the replay check
 */
public record VerifiedPkAsReq(
        X509Certificate clientCertificate,
        List<X509Certificate> certificates,
        Instant ctime,
        int cusec,
        long nonce,
        ClientKeyExchange keyExchange,
        List<String> supportedKdfs,
        byte[] clientDhNonce,
        byte[] freshnessToken,
        byte[] authPackDigest) {
    public VerifiedPkAsReq {
        certificates = List.copyOf(certificates);
        supportedKdfs = List.copyOf(supportedKdfs);
    }
}
