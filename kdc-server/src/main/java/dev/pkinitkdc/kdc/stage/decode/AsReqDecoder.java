package dev.pkinitkdc.kdc.stage.decode;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.AuditFacts;
import dev.pkinitkdc.kdc.request.DecodedAsReq;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding.PaDataItem;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding;
import dev.pkinitkdc.pkinit.asn1.KerberosFlags;
import dev.pkinitkdc.pkinit.asn1.TlvScan;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import java.util.List;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.kdc.AsReq;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcReqBody;
import org.apache.kerby.kerberos.kerb.type.kdc.TgsReq;

/**
 * The decode stage: bytes to {@link DecodedAsReq} (RFC 4120 5.4.1), keeping the KDC-REQ-BODY and padata
 * exactly as received, and refusing requests this KDC does not serve.
 */
public final class AsReqDecoder {
    private static final int AS_REQ_TAG = 0x6a;   // [APPLICATION 10]
    private static final int TGS_REQ_TAG = 0x6c;  // [APPLICATION 12]

    private final String realm;
    private final List<Enctype> offered;

    /** @param offered the enctypes the KDC issues keys in, in its own order */
    public AsReqDecoder(String realm, List<Enctype> offered) {
        this.realm = realm;
        this.offered = List.copyOf(offered);
    }

    public AsExchange.Decoded decode(AsExchange.Received exchange) throws KdcFailure {
        byte[] wire = exchange.wire();
        int tag = wire.length == 0 ? -1 : wire[0] & 0xff;
        if (tag != AS_REQ_TAG && tag != TGS_REQ_TAG) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, "not an AS-REQ");
        }
        String type = tag == AS_REQ_TAG ? "AS-REQ" : "TGS-REQ";
        try {
            // RFC 4120 5.1: DER; one message and nothing after it; bounded before Kerby and Bouncy Castle recurse
            TlvScan.check(wire, TlvScan.Limits.DER);
        } catch (IllegalArgumentException e) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, type + ": " + e.getMessage());
        }
        if (tag == TGS_REQ_TAG) {
            refuseTgsReq(wire);
        }
        byte[] body;
        List<PaDataItem> padata;
        List<Integer> etypes;
        byte[] forKerby;
        try {
            body = KdcReqEncoding.reqBody(wire);
            padata = KdcReqEncoding.paData(wire);
            etypes = Enctypes.requested(body);
            // RFC 4120 5.2.8 flags of any length, as MIT reads them; Kerby takes 32 bits only
            forKerby = KerberosFlags.with32BitKdcOptions(wire);
        } catch (RuntimeException e) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, "bad DER: " + e.getMessage());
        }
        AsReq asReq;
        try {
            asReq = KrbCodec.decode(forKerby, AsReq.class);
        } catch (KrbException | RuntimeException e) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, "AS-REQ does not decode");
        }
        if (asReq.getPvno() != 5) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, "pvno " + asReq.getPvno() + " is not 5");
        }
        KdcReqBody reqBody = asReq.getReqBody();
        PrincipalName cname = reqBody.getCname();
        if (cname == null || cname.getNameStrings().isEmpty()) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, "AS-REQ without cname");
        }
        if (!realm.equals(reqBody.getRealm())) {
            throw new KdcFailure(FailureReason.WRONG_REALM, "realm " + reqBody.getRealm() + " is not served here");
        }
        PrincipalName sname = reqBody.getSname();
        if (sname == null || !sname.getNameStrings().equals(List.of("krbtgt", realm))) {
            throw new KdcFailure(FailureReason.SERVER_UNKNOWN,
                    "this KDC issues only krbtgt/" + realm + " tickets, not " + (sname == null ? "none" : sname.getName()));
        }
        List<Enctype> usable = usableEnctypes(etypes);
        Enctype enctype = usable.get(0);
        long nonce = Integer.toUnsignedLong(reqBody.getNonce());
        DecodedAsReq decoded = new DecodedAsReq(asReq, body, cname, reqBody.getRealm(), nonce, enctype, padata,
                usable);
        return exchange.decoded(decoded, exchange.audit().with(new AuditFacts.Decoded(cname.getName(),
                reqBody.getRealm(), enctype.kerberosName(), padata.stream().map(p -> p.type()).toList())));
    }

    /**
     * A TGS-REQ (RFC 4120 3.3) is answered 40, this KDC serving AS-REQ only; but only one that decodes and carries
     * its PA-TGS-REQ, so a few forged bytes do not draw a KRB-ERROR many times their size (no UDP reply, as MIT).
     */
    private static void refuseTgsReq(byte[] wire) throws KdcFailure {
        TgsReq tgs;
        try {
            tgs = KrbCodec.decode(wire, TgsReq.class);
        } catch (KrbException | RuntimeException e) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, "TGS-REQ does not decode");
        }
        if (tgs.getPvno() != 5 || tgs.getPaData() == null || tgs.getPaData().isEmpty()) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, "TGS-REQ without PA-TGS-REQ");
        }
        throw new KdcFailure(FailureReason.MESSAGE_TYPE_NOT_SUPPORTED, "this KDC serves AS-REQ only");
    }

    /**
     * RFC 4120 3.1.3: the client's enctypes that the KDC supports, in the client's order; the first is the reply's.
     * The numbers are read from the request bytes, since Kerby's decoder turns 19 and 20 into NONE.
     */
    private List<Enctype> usableEnctypes(List<Integer> requested) throws KdcFailure {
        List<Enctype> usable = requested.stream().map(Enctype::fromValue).flatMap(java.util.Optional::stream)
                .filter(offered::contains).distinct().toList();
        if (usable.isEmpty()) {
            throw new KdcFailure(FailureReason.ENCTYPE_NOT_SUPPORTED, "no requested enctype is offered: " + offered);
        }
        return usable;
    }
}
