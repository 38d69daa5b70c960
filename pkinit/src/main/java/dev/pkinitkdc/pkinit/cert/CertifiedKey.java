package dev.pkinitkdc.pkinit.cert;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate together with the private key of its subject; an issuer when the certificate is a CA's. */
public record CertifiedKey(X509Certificate certificate, PrivateKey privateKey) {
    public KeyPair keyPair() {
        return new KeyPair(certificate.getPublicKey(), privateKey);
    }
}
