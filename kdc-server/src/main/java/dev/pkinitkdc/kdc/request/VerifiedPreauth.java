package dev.pkinitkdc.kdc.request;

import dev.pkinitkdc.failure.KdcFailure;
import java.util.Optional;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

/**
 * What the pre-authentication mechanism that accepted a request keeps for its reply (MIT krb5's per-request module
 * state, the modreq that kdc_preauth.c hands from a module's verify to its return_padata). The pre-authenticate
 * stage puts it in the {@link AsExchange.Preauthenticated}; the issue stage asks it for the AS-REP's reply key and
 * padata without knowing which mechanism it is.
 */
@FunctionalInterface
public interface VerifiedPreauth {
    /**
     * The mechanism's part of the AS-REP (MIT's return_padata): the key the enc-part is encrypted in and the padata
     * that lets the client derive it, e.g. PA-PK-AS-REP for PKINIT (RFC 4556 3.2.3, 3.2.4).
     *
     * @param exchange the request being answered, as the issue stage has it
     * @param tgs the ticket-granting service the TGT is for
     */
    PreauthReply reply(AsExchange.Mapped exchange, PrincipalName tgs) throws KdcFailure;

    /** The certificate the mechanism proved the client holds the key of, for validate; none by default. */
    default Optional<ProvenCertificate> provenCertificate() {
        return Optional.empty();
    }

    /**
     * Whether the client proved a public key over a freshness token (RFC 8070): the PAC then asserts the "fresh
     * public key identity" SID S-1-18-3 instead of S-1-18-1 (MS-KILE 3.3.5.7.4). False by default.
     */
    default boolean freshPublicKeyIdentity() {
        return false;
    }
}
