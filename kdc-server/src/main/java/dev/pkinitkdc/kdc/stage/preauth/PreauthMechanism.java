package dev.pkinitkdc.kdc.stage.preauth;

import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.DecodedAsReq;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding.PaDataItem;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One pre-authentication mechanism of the KDC (RFC 4120 5.2.7, RFC 6113 2), in the shape of an entry of MIT krb5's
 * kdc_preauth.c table: the padata-type it is offered and answered as, what it adds to the METHOD-DATA of a
 * KDC_ERR_PREAUTH_REQUIRED (MIT's edata), the check of the client's padata of its type (MIT's verify), and through
 * what that check leaves in the request state, its part of the AS-REP (MIT's return_padata).
 * {@link PreauthMechanisms} asks it; the AS-REQ processor knows only the registry.
 */
public interface PreauthMechanism {
    /** Its name in the refusal text of PREAUTH_REQUIRED, e.g. {@code "PKINIT"}. */
    String name();

    /** The padata-type the client answers with, e.g. PA-PK-AS-REQ (16). */
    int paType();

    /**
     * Its hints in the METHOD-DATA (RFC 4120 5.9.1) of a KDC_ERR_PREAUTH_REQUIRED for this request: by default one
     * PA-DATA of its type with an empty value, which says only that the KDC accepts it (RFC 4556 3.2.1).
     */
    default List<PaDataItem> hints(DecodedAsReq request) {
        return List.of(new PaDataItem(paType(), new byte[0]));
    }

    /**
     * Whether the METHOD-DATA it is offered in carries a new freshness token when the client asked for one with an
     * empty PA-AS-FRESHNESS (RFC 8070 4; MIT's send_freshness_token callback). The token is made by the registry.
     */
    default boolean sendsFreshnessToken() {
        return false;
    }

    /**
     * Checks the client's padata of {@link #paType()} (MIT's verify): completes with the exchange pre-authenticated
     * ({@link AsExchange.Decoded#preauthenticated}), or exceptionally with a {@link dev.pkinitkdc.failure.KdcFailure}.
     * It may complete later, on another thread, without a thread waiting for it. What it established is its
     * {@link dev.pkinitkdc.kdc.request.VerifiedPreauth}: the issue stage asks that for the AS-REP's reply key and
     * padata (MIT's return_padata with the module's request state), and validate for the certificate it proved.
     *
     * @param padataValue the padata-value of the request's first PA-DATA of this type
     */
    CompletionStage<AsExchange.Preauthenticated> verify(AsExchange.Decoded exchange, byte[] padataValue);
}
