package dev.pkinitkdc.pkinit.client;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** The client's signing identity (RFC 4556 3.2.1): key, certificate, and intermediates to send along. */
public record ClientIdentity(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {
    public ClientIdentity {
        chain = List.copyOf(chain);
    }

    @Override
    public String toString() {
        return "ClientIdentity[" + certificate.getSubjectX500Principal() + "]";
    }
}
