package dev.pkinitkdc.kdc.request;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The certificate whose key signed the client's pre-authentication (RFC 4556 3.2.2: the signer of the AuthPack),
 * with the other certificates the client sent for building its path. Proven possession, not yet trust: validate
 * decides that.
 */
public record ProvenCertificate(X509Certificate certificate, List<X509Certificate> offered) {
    public ProvenCertificate {
        offered = List.copyOf(offered);
    }
}
