package dev.pkinitkdc.pkinit.server;

import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

/** The KDC side of RFC 4556, as the kdc-server pipeline sees it. */
public interface PkinitServer {

    /**
     * RFC 4556 3.2.2: decode the PA-PK-AS-REQ, verify its SignedData with the signer's certificate, check the
     * paChecksum over the request body exactly as received, and the ctime against the clock. The PKAuthenticator
     * nonce is the client's own (RFC 4556 3.2.1: it "does not need to match with the nonce in the KDC-REQ-BODY");
     * the KDC echoes it in KDCDHKeyInfo (3.2.3.1).
     *
     * @param paPkAsReq the padata-value of PA-PK-AS-REQ (16)
     * @param reqBodyDer the KDC-REQ-BODY bytes as they were on the wire
     */
    VerifiedPkAsReq verify(byte[] paPkAsReq, byte[] reqBodyDer) throws KdcFailure;

    /**
     * RFC 4556 3.2.3 and RFC 8636: agree the key, sign the KDC's part, derive the reply key for {@code enctype}.
     *
     * @param asReqDer the whole AS-REQ as received (RFC 8636 PkinitSuppPubInfo)
     * @param client client name and realm as in the request (RFC 8636 partyUInfo)
     * @param tgs the TGS name, krbtgt/REALM, and realm (RFC 8636 partyVInfo)
     */
    PkinitReply reply(VerifiedPkAsReq request, Enctype enctype, byte[] asReqDer,
                      PrincipalName client, PrincipalName tgs) throws KdcFailure;
}
