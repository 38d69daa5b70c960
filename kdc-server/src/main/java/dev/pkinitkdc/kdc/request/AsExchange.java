package dev.pkinitkdc.kdc.request;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.mapping.AccountMapping;
import dev.pkinitkdc.pkinit.server.VerifiedPkAsReq;
import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * One AS-REQ as it moves through the stages (decode, pre-authenticate, validate, map, issue, encode), in the
 * shape of MIT krb5's as_req_state: each stage returns a copy with the facts it established. A field is null
 * until the stage that fills it has run.
 *
 * @param wire the request bytes as received
 * @param request filled by decode
 * @param pkinit filled by pre-authenticate when PKINIT accepted the request (RFC 4556 3.2.2 signature, checksum,
 *     nonce, time): the certificate validate checks
 * @param preauth filled by pre-authenticate: what the mechanism that accepted the request keeps for the reply
 * @param certificate filled by validate (chain to a trust anchor, EKU, KU)
 * @param mapping filled by map (the account the certificate logs on to)
 */
public record AsExchange(
        InetSocketAddress peer,
        Transport transport,
        Instant received,
        byte[] wire,
        DecodedAsReq request,
        VerifiedPkAsReq pkinit,
        VerifiedPreauth preauth,
        ValidatedCertificate certificate,
        AccountMapping mapping,
        AuditRecord audit) {

    public static AsExchange received(InetSocketAddress peer, Transport transport, Instant now, byte[] wire) {
        AuditRecord audit = AuditRecord.empty().with(new AuditFacts.Received(now,
                peer == null ? "-" : peer.getAddress().getHostAddress(), transport.scheme()));
        return new AsExchange(peer, transport, now, wire, null, null, null, null, null, audit);
    }

    public AsExchange withRequest(DecodedAsReq r, AuditRecord a) {
        return new AsExchange(peer, transport, received, wire, r, pkinit, preauth, certificate, mapping, a);
    }

    /** A mechanism other than PKINIT accepted the request. */
    public AsExchange withPreauth(VerifiedPreauth v, AuditRecord a) {
        return new AsExchange(peer, transport, received, wire, request, pkinit, v, certificate, mapping, a);
    }

    /** PKINIT accepted the request: its request for validate, and its state for the reply. */
    public AsExchange withPkinit(VerifiedPkAsReq p, VerifiedPreauth v, AuditRecord a) {
        return new AsExchange(peer, transport, received, wire, request, p, v, certificate, mapping, a);
    }

    public AsExchange withCertificate(ValidatedCertificate c, AuditRecord a) {
        return new AsExchange(peer, transport, received, wire, request, pkinit, preauth, c, mapping, a);
    }

    public AsExchange withMapping(AccountMapping m, AuditRecord a) {
        return new AsExchange(peer, transport, received, wire, request, pkinit, preauth, certificate, m, a);
    }

    public AsExchange withAudit(AuditRecord a) {
        return new AsExchange(peer, transport, received, wire, request, pkinit, preauth, certificate, mapping, a);
    }
}
