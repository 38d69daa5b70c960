package dev.pkinitkdc.kdc.stage.issue;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AuditFacts;
import dev.pkinitkdc.kdc.request.AuditRecord;
import dev.pkinitkdc.kdc.request.DecodedTgsReq;
import dev.pkinitkdc.kdc.request.ServiceKey;
import dev.pkinitkdc.kdc.request.TgsExchange;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import java.time.Clock;
import java.time.Instant;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOption;
import org.apache.kerby.kerberos.kerb.type.kdc.TgsRep;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlag;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlags;

/**
 * The issue step of a TGS-REQ (RFC 4120 3.3.3): a service ticket for the TGT's client (its cname and crealm, never
 * the request's), sealed in the service's key, starting now and ending no later than the TGT, the request's till
 * or the policy's maximum; FORWARDABLE only when the TGT is and it was asked, PRE-AUTHENT copied, never INITIAL;
 * the TGT's addresses and authorization data copied, its PAC checked and signed again for the service
 * ({@link ServicePac}). The TGS-REP's enc-part goes under the subkey or session key
 * the PA-TGS-REQ verification chose.
 */
public final class ServiceTicketIssuer {
    private final String realm;
    private final KrbtgtKeys krbtgt;
    private final TicketPolicy policy;
    private final Clock clock;

    public ServiceTicketIssuer(String realm, KrbtgtKeys krbtgt, TicketPolicy policy, Clock clock) {
        this.realm = realm;
        this.krbtgt = krbtgt;
        this.policy = policy;
        this.clock = clock;
    }

    /** @return the encoded TGS-REP and the exchange's audit facts with the ticket issued */
    public Issued issue(TgsExchange.Served exchange) throws KdcFailure {
        DecodedTgsReq request = exchange.request();
        EncTicketPart tgt = exchange.tgt().ticket();
        ServiceKey service = exchange.service();
        Instant now = clock.instant();
        Instant end = endTime(request, tgt, now);
        TicketFlags flags = flags(request, tgt);
        try {
            EncryptionKey sessionKey = Enctypes.randomKey(service.sessionEnctype());
            EncTicketPart part = new EncTicketPart();
            part.setFlags(flags);
            part.setKey(sessionKey);
            part.setCrealm(tgt.getCrealm());
            part.setCname(tgt.getCname());
            part.setTransited(tgt.getTransited());   // same realm: the TGT's, empty (RFC 4120 3.3.3.2)
            part.setAuthTime(tgt.getAuthTime());
            part.setStartTime(TicketTimes.kerberosTime(now));
            part.setEndTime(TicketTimes.kerberosTime(end));
            if (tgt.getClientAddresses() != null) {
                part.setClientAddresses(tgt.getClientAddresses());
            }
            ServicePac.sign(part, tgt.getAuthorizationData(), exchange.tgt().krbtgtKey(), service.key(),
                    krbtgt.ticketKey().key());
            Ticket ticket = KdcReplyParts.ticket(part, realm, service.principal(),
                    new KrbtgtKeys.VersionedKey(service.key(), service.kvno()));

            EncTgsRepPartWithUnsignedNonce reply = new EncTgsRepPartWithUnsignedNonce();
            reply.setKey(sessionKey);
            reply.setLastReq(KdcReplyParts.lastReq(now));
            reply.setUnsignedNonce(request.nonce());
            reply.setFlags(flags);
            reply.setAuthTime(tgt.getAuthTime());
            reply.setStartTime(TicketTimes.kerberosTime(now));
            reply.setEndTime(TicketTimes.kerberosTime(end));
            reply.setSrealm(realm);
            reply.setSname(service.principal());
            if (tgt.getClientAddresses() != null) {
                reply.setCaddr(tgt.getClientAddresses());
            }
            TgsRep rep = new TgsRep();
            rep.setCrealm(tgt.getCrealm());
            rep.setCname(tgt.getCname());
            rep.setTicket(ticket);
            rep.setEncryptedEncPart(Enctypes.encrypt(KrbCodec.encode(reply), exchange.tgt().replyKey(),
                    exchange.tgt().replyUsage()));
            AuditFacts.TicketFacts facts = new AuditFacts.TicketFacts(tgt.getCname().getName() + "@"
                    + tgt.getCrealm(), end, null, Integer.toHexString(flags.getFlags()),
                    Enctypes.of(service.key()).kerberosName());
            return new Issued(KrbCodec.encode(rep), exchange.audit().with(new AuditFacts.Issued(null, null, facts)));
        } catch (KrbException e) {
            throw new KdcFailure(FailureReason.INTERNAL_ERROR, "could not build the TGS-REP", e);
        }
    }

    /** The TGS-REP bytes and the audit facts with the ticket. */
    public record Issued(byte[] tgsRep, AuditRecord audit) {
    }

    /** RFC 4120 3.3.3: the earliest of the TGT's end, the requested till and now plus the maximum lifetime. */
    private Instant endTime(DecodedTgsReq request, EncTicketPart tgt, Instant now) throws KdcFailure {
        Instant end = Instant.ofEpochMilli(tgt.getEndTime().getTime());
        Instant max = now.plus(policy.maxLifetime());
        if (max.isBefore(end)) {
            end = max;
        }
        KerberosTime till = request.body().getTill();
        if (till != null && till.getTime() != 0 && Instant.ofEpochMilli(till.getTime()).isBefore(end)) {
            end = Instant.ofEpochMilli(till.getTime());
        }
        if (!end.isAfter(now)) {
            throw KdcFailure.shown(FailureReason.TICKET_NEVER_VALID, "the service ticket would end at " + end
                    + ", not after now");
        }
        return end;
    }

    /** RFC 4120 2.6: forwardable only from a forwardable TGT and when asked; pre-authenticated as the TGT was. */
    private static TicketFlags flags(DecodedTgsReq request, EncTicketPart tgt) {
        TicketFlags flags = new TicketFlags();
        TicketFlags from = tgt.getFlags();
        boolean asked = request.body().getKdcOptions() != null
                && request.body().getKdcOptions().isFlagSet(KdcOption.FORWARDABLE);
        if (asked && from != null && from.isFlagSet(TicketFlag.FORWARDABLE)) {
            flags.setFlag(TicketFlag.FORWARDABLE);
        }
        if (from != null && from.isFlagSet(TicketFlag.PRE_AUTH)) {
            flags.setFlag(TicketFlag.PRE_AUTH);
        }
        return flags;
    }
}
