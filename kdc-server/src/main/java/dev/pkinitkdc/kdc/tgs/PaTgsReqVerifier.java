package dev.pkinitkdc.kdc.tgs;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AuditFacts;
import dev.pkinitkdc.kdc.request.DecodedTgsReq;
import dev.pkinitkdc.kdc.request.TgsExchange;
import dev.pkinitkdc.kdc.request.VerifiedTgt;
import dev.pkinitkdc.kdc.stage.issue.KrbtgtKeys;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.ap.Authenticator;
import org.apache.kerby.kerberos.kerb.type.base.CheckSum;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;

/**
 * The PA-TGS-REQ check (RFC 4120 3.3.2, 5.5.1; MIT's kdc_process_tgs_req): the AP-REQ's ticket is a TGT of this
 * realm, decrypted with the krbtgt key of the kvno it names (an older kvno while the keytab still holds it), and
 * current; the authenticator decrypts with the TGT's session key (key usage 7), names the ticket's client, is within
 * the clock skew, was not seen before, and carries a keyed checksum of the KDC-REQ-BODY as received (key usage 6)
 * that matches. The reply is encrypted in the authenticator's subkey if it has one (usage 9), else the session key (8).
 */
final class PaTgsReqVerifier {
    private final String realm;
    private final KrbtgtKeys krbtgt;
    private final Duration skew;
    private final AuthenticatorReplayCache replays;
    private final Clock clock;

    PaTgsReqVerifier(String realm, KrbtgtKeys krbtgt, Duration skew, AuthenticatorReplayCache replays, Clock clock) {
        this.realm = realm;
        this.krbtgt = krbtgt;
        this.skew = skew;
        this.replays = replays;
        this.clock = clock;
    }

    TgsExchange.Authenticated verify(TgsExchange.Decoded exchange) throws KdcFailure {
        DecodedTgsReq request = exchange.request();
        Ticket ticket = request.apReq().getTicket();
        if (!realm.equals(ticket.getRealm()) || !krbtgt.principal().getNameStrings()
                .equals(ticket.getSname() == null ? null : ticket.getSname().getNameStrings())) {
            throw KdcFailure.shown(FailureReason.TGT_NOT_FOR_THIS_KDC, "the PA-TGS-REQ ticket is for "
                    + (ticket.getSname() == null ? "no one" : ticket.getSname().getName()) + "@" + ticket.getRealm()
                    + ", not krbtgt/" + realm);
        }
        EncryptedData sealed = ticket.getEncryptedEncPart();
        int kvno = sealed.getKvno();
        KrbtgtKeys.VersionedKey key = keyOf(sealed, kvno);
        EncTicketPart tgt = decrypt(sealed, key.key(), KeyUsage.KDC_REP_TICKET, EncTicketPart.class, "the TGT");
        Instant now = clock.instant();
        checkTimes(tgt, now);
        Authenticator authenticator = decrypt(request.apReq().getEncryptedAuthenticator(), tgt.getKey(),
                KeyUsage.TGS_REQ_AUTH, Authenticator.class, "the authenticator");
        if (authenticator.getCname() == null || !tgt.getCname().getNameStrings()
                .equals(authenticator.getCname().getNameStrings()) || !tgt.getCrealm().equals(authenticator.getCrealm())) {
            throw new KdcFailure(FailureReason.AUTHENTICATOR_MISMATCH, "the authenticator names "
                    + (authenticator.getCname() == null ? "no one" : authenticator.getCname().getName()) + "@"
                    + authenticator.getCrealm() + ", the TGT " + tgt.getCname().getName() + "@" + tgt.getCrealm());
        }
        Instant ctime = instant(authenticator.getCtime());
        if (ctime == null || Duration.between(ctime, now).abs().compareTo(skew) > 0) {
            throw KdcFailure.shown(FailureReason.CLOCK_SKEW, "the authenticator's time " + ctime
                    + " is not within " + skew + " of the KDC's " + now);
        }
        checkBodyChecksum(authenticator.getCksum(), tgt.getKey(), request.bodyBytes());
        replays.check(request.apReq().getEncryptedAuthenticator().getCipher(), ctime);
        EncryptionKey subkey = authenticator.getSubKey();
        VerifiedTgt verified = subkey != null
                ? new VerifiedTgt(tgt, kvno, key.key(), subkey, KeyUsage.TGS_REP_ENCPART_SUBKEY)
                : new VerifiedTgt(tgt, kvno, key.key(), tgt.getKey(), KeyUsage.TGS_REP_ENCPART_SESSKEY);
        String service = exchange.audit().facts(AuditFacts.Tgs.class).map(t -> t.tgs().service()).orElse(null);
        return exchange.authenticated(verified, exchange.audit().with(new AuditFacts.Tgs(new AuditFacts.TgsFacts(
                service, tgt.getCname().getName() + "@" + tgt.getCrealm(), kvno, subkey != null))));
    }

    /** The krbtgt key of the TGT's enctype and kvno (RFC 4120 5.3: the kvno says which key sealed it). */
    private KrbtgtKeys.VersionedKey keyOf(EncryptedData sealed, int kvno) throws KdcFailure {
        Enctype type;
        try {
            type = Enctypes.of(sealed);
        } catch (KrbException e) {
            throw new KdcFailure(FailureReason.TGT_KEY_VERSION_UNKNOWN, "the TGT's enctype is not one of krbtgt's");
        }
        return krbtgt.key(type, kvno).orElseThrow(() -> new KdcFailure(FailureReason.TGT_KEY_VERSION_UNKNOWN,
                "no krbtgt key of kvno " + kvno + " and enctype " + type.kerberosName() + " in the keytab"));
    }

    /** RFC 4120 3.3.2: expired (past its end beyond the skew) or not yet valid tickets are refused. */
    private void checkTimes(EncTicketPart tgt, Instant now) throws KdcFailure {
        Instant end = instant(tgt.getEndTime());
        if (end == null || now.minus(skew).isAfter(end)) {
            throw KdcFailure.shown(FailureReason.TGT_EXPIRED, "the TGT ended at " + end);
        }
        Instant start = instant(tgt.getStartTime() != null ? tgt.getStartTime() : tgt.getAuthTime());
        if (start != null && start.isAfter(now.plus(skew))) {
            throw KdcFailure.shown(FailureReason.TGT_NOT_YET_VALID, "the TGT starts at " + start);
        }
    }

    /**
     * RFC 4120 3.3.2 / 7.5.1: the authenticator's checksum over the KDC-REQ-BODY, keyed with the session key
     * (usage 6); an unkeyed or absent checksum would let anyone change the body and is refused.
     */
    private static void checkBodyChecksum(CheckSum checksum, EncryptionKey sessionKey, byte[] body)
            throws KdcFailure {
        if (checksum == null) {
            throw new KdcFailure(FailureReason.CHECKSUM_NOT_ACCEPTED, "the authenticator has no checksum");
        }
        boolean matches;
        try {
            matches = Enctypes.verifyChecksum(checksum, sessionKey, KeyUsage.TGS_REQ_AUTH_CKSUM, body);
        } catch (KrbException e) {
            matches = false;
        }
        if (!matches) {
            throw new KdcFailure(FailureReason.PA_CHECKSUM_MISMATCH,
                    "the authenticator's checksum is not the session key's checksum of the request body");
        }
    }

    private static <T extends org.apache.kerby.asn1.type.Asn1Type> T decrypt(EncryptedData data, EncryptionKey key,
            KeyUsage usage, Class<T> type, String what) throws KdcFailure {
        byte[] plain;
        try {
            plain = Enctypes.decrypt(data, key, usage);
        } catch (KrbException | RuntimeException e) {
            throw new KdcFailure(FailureReason.TGT_INTEGRITY, what + " does not decrypt");
        }
        try {
            return KrbCodec.decode(plain, type);
        } catch (KrbException | RuntimeException e) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, what + " does not decode");
        }
    }

    private static Instant instant(KerberosTime t) {
        return t == null ? null : Instant.ofEpochMilli(t.getTime());
    }
}
