package dev.pkinitkdc.kdc.stage.issue;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.AuditFacts;
import dev.pkinitkdc.kdc.request.DecodedAsReq;
import dev.pkinitkdc.kdc.request.PreauthReply;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding.PaDataItem;
import dev.pkinitkdc.pkinit.asn1.PaDataEncoding;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.ad.AuthorizationData;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.base.TransitedEncoding;
import org.apache.kerby.kerberos.kerb.type.base.TransitedEncodingType;
import org.apache.kerby.kerberos.kerb.type.kdc.AsRep;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOption;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcReqBody;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlag;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlags;

/**
 * The issue stage: a TGT for the mapped account (RFC 4120 3.1.3), its enc-part under the krbtgt key, and the
 * AS-REP enc-part under the reply key of the pre-authentication mechanism that accepted the request, with that
 * mechanism's padata (MIT's return_padata; for PKINIT the PA-PK-AS-REP of RFC 4556 3.2.3).
 */
public final class TgtIssuer {
    private final String realm;
    private final KrbtgtKeys krbtgt;
    private final TicketPolicy policy;
    private final Clock clock;
    private final OcspStapling stapling;
    private final PacBuilder pacs;

    public TgtIssuer(String realm, KrbtgtKeys krbtgt, TicketPolicy policy, Clock clock) {
        this(realm, krbtgt, policy, clock, OcspStapling.NONE);
    }

    /** @param stapling the OCSP response about the KDC certificate for clients that ask (RFC 4557 3) */
    public TgtIssuer(String realm, KrbtgtKeys krbtgt, TicketPolicy policy, Clock clock, OcspStapling stapling) {
        this.realm = realm;
        this.krbtgt = krbtgt;
        this.policy = policy;
        this.clock = clock;
        this.stapling = stapling;
        this.pacs = new PacBuilder(realm);
    }

    /** @return the encoded AS-REP, and the exchange with what was issued in its audit record */
    public Issued issue(AsExchange.Mapped exchange) throws KdcFailure {
        DecodedAsReq request = exchange.request();
        KdcReqBody body = request.message().getReqBody();
        PrincipalName client = TicketClientName.of(request.cname(), body.getKdcOptions(), exchange.mapping(), realm);
        PreauthReply reply = exchange.preauth().reply(exchange, krbtgt.principal());
        Instant now = clock.instant();
        TicketTimes times = TicketTimes.of(body, now, policy);
        TicketFlags flags = ticketFlags(body, times);
        try {
            EncryptionKey sessionKey = Enctypes.randomKey(request.enctype());
            Optional<AuthorizationData> pac = pacs.authorizationData(exchange, client, times.authTime(),
                    krbtgt.ticketKey().key());
            Ticket ticket = ticket(client, sessionKey, flags, times, body, pac);
            EncAsRepPartWithUnsignedNonce part = new EncAsRepPartWithUnsignedNonce();
            part.setKey(sessionKey);
            part.setLastReq(KdcReplyParts.lastReq(now));
            part.setUnsignedNonce(request.nonce());
            part.setFlags(flags);
            part.setAuthTime(TicketTimes.kerberosTime(times.authTime()));
            part.setStartTime(TicketTimes.kerberosTime(times.authTime()));
            part.setEndTime(TicketTimes.kerberosTime(times.endTime()));
            if (times.renewTill() != null) {
                part.setRenewTill(TicketTimes.kerberosTime(times.renewTill()));
            }
            part.setSrealm(realm);
            part.setSname(krbtgt.principal());
            if (body.getAddresses() != null) {
                part.setCaddr(body.getAddresses());
            }
            AsRep rep = new AsRep();
            org.apache.kerby.kerberos.kerb.type.pa.PaData padata = new org.apache.kerby.kerberos.kerb.type.pa.PaData();
            for (PaDataItem item : reply.padata()) {
                padata.addElement(PaDataEncoding.entry(item.type(), item.value()));
            }
            Optional<byte[]> ocsp = stapledOcspResponse(request);
            ocsp.ifPresent(der -> padata.addElement(PaDataEncoding.entry(PaDataEncoding.PA_PK_OCSP_RESPONSE, der)));
            rep.setPaData(padata);
            rep.setCrealm(realm);
            rep.setCname(client);
            rep.setTicket(ticket);
            rep.setEncryptedEncPart(Enctypes.encrypt(KrbCodec.encode(part), reply.replyKey(),
                    KeyUsage.AS_REP_ENCPART));
            byte[] encoded = KrbCodec.encode(rep);
            return new Issued(encoded, exchange.withAudit(exchange.audit().with(new AuditFacts.Issued(reply.kdf(),
                    request.padataValue(PaDataEncoding.PA_PK_OCSP_RESPONSE) == null ? "-"
                            : ocsp.isPresent() ? "sent" : "none",
                    new AuditFacts.TicketFacts(client.getName(), times.endTime(), times.renewTill(),
                            Integer.toHexString(flags.getFlags()), String.valueOf(krbtgt.ticketKey().enctype()))))));
        } catch (KrbException e) {
            throw new KdcFailure(FailureReason.INTERNAL_ERROR, "could not build the AS-REP", e);
        }
    }

    public record Issued(byte[] asRep, AsExchange.Mapped exchange) {
    }

    /** RFC 4557 3: a client asks with an empty PA-PK-OCSP-RESPONSE; the KDC answers with its current response. */
    private Optional<byte[]> stapledOcspResponse(DecodedAsReq request) {
        byte[] asked = request.padataValue(PaDataEncoding.PA_PK_OCSP_RESPONSE);
        return asked != null && asked.length == 0 ? stapling.current() : Optional.empty();
    }

    private Ticket ticket(PrincipalName client, EncryptionKey sessionKey, TicketFlags flags, TicketTimes times,
                          KdcReqBody body, Optional<AuthorizationData> pac) throws KrbException {
        EncTicketPart part = new EncTicketPart();
        part.setFlags(flags);
        part.setKey(sessionKey);
        part.setCrealm(realm);
        part.setCname(client);
        TransitedEncoding transited = new TransitedEncoding();
        transited.setTrType(TransitedEncodingType.DOMAIN_X500_COMPRESS);
        transited.setContents(new byte[0]);
        part.setTransited(transited);
        part.setAuthTime(TicketTimes.kerberosTime(times.authTime()));
        part.setStartTime(TicketTimes.kerberosTime(times.authTime()));
        part.setEndTime(TicketTimes.kerberosTime(times.endTime()));
        if (times.renewTill() != null) {
            part.setRenewtill(TicketTimes.kerberosTime(times.renewTill()));
        }
        if (body.getAddresses() != null) {
            part.setClientAddresses(body.getAddresses());
        }
        pac.ifPresent(part::setAuthorizationData);
        return KdcReplyParts.ticket(part, realm, krbtgt.principal(), krbtgt.ticketKey());
    }

    /** RFC 4120 3.1.3 flags of a TGT from PKINIT: INITIAL and PRE-AUTHENT, plus what was asked and allowed. */
    private static TicketFlags ticketFlags(KdcReqBody body, TicketTimes times) {
        TicketFlags flags = new TicketFlags();
        flags.setFlag(TicketFlag.INITIAL);
        flags.setFlag(TicketFlag.PRE_AUTH);
        if (body.getKdcOptions() != null) {
            if (body.getKdcOptions().isFlagSet(KdcOption.FORWARDABLE)) {
                flags.setFlag(TicketFlag.FORWARDABLE);
            }
            if (body.getKdcOptions().isFlagSet(KdcOption.PROXIABLE)) {
                flags.setFlag(TicketFlag.PROXIABLE);
            }
        }
        if (times.renewTill() != null) {
            flags.setFlag(TicketFlag.RENEWABLE);
        }
        return flags;
    }
}
