package dev.pkinitkdc.kdc.tgs;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AuditFacts;
import dev.pkinitkdc.kdc.request.DecodedTgsReq;
import dev.pkinitkdc.kdc.request.TgsExchange;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding.PaDataItem;
import dev.pkinitkdc.pkinit.asn1.TlvScan;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import java.util.List;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.ap.ApReq;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcReqBody;
import org.apache.kerby.kerberos.kerb.type.kdc.TgsReq;

/**
 * The decode step of a TGS-REQ (RFC 4120 5.4.1): DER bounded before Kerby parses it, pvno 5, this realm, a
 * service named, and exactly one PA-TGS-REQ (padata-type 1) holding an AP-REQ (5.5.1). The KDC-REQ-BODY is kept
 * as the bytes received, which the authenticator's checksum covers.
 */
final class TgsReqDecoder {
    static final int PA_TGS_REQ = 1;

    private final String realm;

    TgsReqDecoder(String realm) {
        this.realm = realm;
    }

    TgsExchange.Decoded decode(TgsExchange.Received exchange) throws KdcFailure {
        byte[] wire = exchange.arrival().wire();
        byte[] bodyBytes;
        List<PaDataItem> padata;
        TgsReq tgs;
        try {
            TlvScan.check(wire, TlvScan.Limits.DER);
            bodyBytes = KdcReqEncoding.reqBody(wire);
            padata = KdcReqEncoding.paData(wire);
            tgs = KrbCodec.decode(wire, TgsReq.class);
        } catch (KrbException | RuntimeException e) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, "TGS-REQ does not decode: " + e.getMessage());
        }
        List<PaDataItem> apReqs = padata.stream().filter(p -> p.type() == PA_TGS_REQ).toList();
        if (tgs.getPvno() != 5 || apReqs.size() != 1) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, "TGS-REQ without exactly one PA-TGS-REQ");
        }
        ApReq apReq;
        try {
            apReq = KrbCodec.decode(apReqs.get(0).value(), ApReq.class);
        } catch (KrbException | RuntimeException e) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, "PA-TGS-REQ is no AP-REQ");
        }
        if (apReq.getTicket() == null || apReq.getEncryptedAuthenticator() == null) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, "the AP-REQ lacks its ticket or authenticator");
        }
        KdcReqBody body = tgs.getReqBody();
        if (!realm.equals(body.getRealm())) {
            throw new KdcFailure(FailureReason.WRONG_REALM, "realm " + body.getRealm() + " is not served here");
        }
        PrincipalName sname = body.getSname();
        if (sname == null || sname.getNameStrings().isEmpty()) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, "TGS-REQ without sname");
        }
        List<Integer> etypes = Enctypes.requested(bodyBytes);
        DecodedTgsReq decoded = new DecodedTgsReq(body, bodyBytes, apReq, sname,
                Integer.toUnsignedLong(body.getNonce()), etypes);
        String service = String.join("/", sname.getNameStrings()) + "@" + realm;
        return exchange.decoded(decoded, exchange.audit().with(
                new AuditFacts.Tgs(new AuditFacts.TgsFacts(service, null, null, null))));
    }
}
