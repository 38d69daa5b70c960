package dev.pkinitkdc.kdc.preauth;

import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.decode.DecodedAsReq;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.PreauthReply;
import dev.pkinitkdc.kdc.request.VerifiedPreauth;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding.PaDataItem;
import dev.pkinitkdc.pkinit.server.PkinitReply;
import dev.pkinitkdc.pkinit.server.PkinitServer;
import dev.pkinitkdc.pkinit.server.VerifiedPkAsReq;
import java.util.List;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataType;

/**
 * What PKINIT keeps from a PA-PK-AS-REQ it accepted for its reply (MIT pkinit_srv.c's modreq): the reply key from
 * the client's DH/ECDH public value or an encrypted one (RFC 4556 3.2.3.1, 3.2.3.2), sent as PA-PK-AS-REP.
 */
record PkinitReplyState(PkinitServer server, VerifiedPkAsReq request) implements VerifiedPreauth {
    @Override
    public PreauthReply reply(AsExchange exchange, PrincipalName tgs) throws KdcFailure {
        DecodedAsReq asReq = exchange.request();
        PkinitReply reply = server.reply(request, asReq.enctype(), exchange.wire(),
                withRealm(asReq.cname(), asReq.realm()), tgs);
        return new PreauthReply(reply.replyKey(), List.of(new PaDataItem(PaDataType.PK_AS_REP.getValue(), reply.paPkAsRep())),
                reply.kdf());
    }

    private static PrincipalName withRealm(PrincipalName name, String realm) {
        PrincipalName copy = new PrincipalName(name.getNameStrings(), name.getNameType());
        copy.setRealm(realm);
        return copy;
    }
}
