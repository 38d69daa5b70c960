package dev.pkinitkdc.kdc.stage.preauth;

import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.PreauthReply;
import dev.pkinitkdc.kdc.request.ProvenCertificate;
import dev.pkinitkdc.kdc.request.VerifiedPreauth;
import dev.pkinitkdc.pkinit.server.VerifiedPkAsReq;
import java.util.Optional;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

/**
 * PKINIT's state for a request it accepted (MIT's modreq for the pkinit module): the checked PA-PK-AS-REQ, which
 * its reply answers.
 */
record VerifiedPkinit(PkinitPreauthentication mechanism, VerifiedPkAsReq request) implements VerifiedPreauth {
    @Override
    public PreauthReply reply(AsExchange.Mapped exchange, PrincipalName tgs) throws KdcFailure {
        return mechanism.reply(request, exchange, tgs);
    }

    /** The signer of the AuthPack (RFC 4556 3.2.2), with the certificates of its SignedData. */
    @Override
    public Optional<ProvenCertificate> provenCertificate() {
        return Optional.of(new ProvenCertificate(request.clientCertificate(), request.certificates()));
    }

    /** A PKAuthenticator that carried a freshness token this KDC checked (RFC 8070 4). */
    @Override
    public boolean freshPublicKeyIdentity() {
        return request.freshnessToken() != null;
    }
}
