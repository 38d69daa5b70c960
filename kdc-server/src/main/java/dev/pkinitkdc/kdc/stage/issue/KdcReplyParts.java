package dev.pkinitkdc.kdc.stage.issue;

import dev.pkinitkdc.pkinit.enctype.Enctypes;
import java.time.Instant;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.base.LastReq;
import org.apache.kerby.kerberos.kerb.type.base.LastReqEntry;
import org.apache.kerby.kerberos.kerb.type.base.LastReqType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;

/** Parts every KDC reply carries, AS-REP and TGS-REP alike (RFC 4120 5.3, 5.4.2). */
final class KdcReplyParts {
    private KdcReplyParts() {
    }

    /** RFC 4120 5.4.2 last-req: one entry of type 0 (no information), at {@code now}. */
    static LastReq lastReq(Instant now) {
        LastReqEntry entry = new LastReqEntry();
        entry.setLrType(LastReqType.NONE);
        entry.setLrValue(new KerberosTime(now.toEpochMilli() / 1000 * 1000));
        LastReq lastReq = new LastReq();
        lastReq.addElement(entry);
        return lastReq;
    }

    /** RFC 4120 5.3: a ticket for {@code sname}, its enc-part sealed in the server's key (usage 2) with its kvno. */
    static Ticket ticket(EncTicketPart part, String realm, PrincipalName sname, KrbtgtKeys.VersionedKey key)
            throws KrbException {
        EncryptedData sealed = Enctypes.encrypt(KrbCodec.encode(part), key.key(), KeyUsage.KDC_REP_TICKET);
        sealed.setKvno(key.kvno());
        Ticket ticket = new Ticket();
        ticket.setTktKvno(5);
        ticket.setRealm(realm);
        ticket.setSname(sname);
        ticket.setEncryptedEncPart(sealed);
        return ticket;
    }
}
