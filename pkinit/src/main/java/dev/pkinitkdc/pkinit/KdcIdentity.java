package dev.pkinitkdc.pkinit;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The KDC's signing identity (RFC 4556 3.2.3): its key, its certificate, and the certificates sent with it in
 * the reply's SignedData (issuing CA first, trust anchor not needed).
 */
public record KdcIdentity(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {
    public KdcIdentity {
        chain = List.copyOf(chain);
    }
}
