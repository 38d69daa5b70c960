package dev.pkinitkdc.kdc.issue;

import java.time.Instant;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOption;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOptions;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcReqBody;

/**
 * The times of a new TGT, RFC 4120 3.1.3: starts now, ends at the earlier of the requested till and the
 * policy's maximum; renewable when asked (RENEWABLE, or RENEWABLE-OK with a till beyond the maximum), up to the
 * earlier of the requested rtime and the renewable maximum.
 *
 * @param renewTill null when the ticket is not renewable
 */
record TicketTimes(Instant authTime, Instant endTime, Instant renewTill) {

    static TicketTimes of(KdcReqBody body, Instant now, TicketPolicy policy) {
        Instant maxEnd = now.plus(policy.maxLifetime());
        Instant till = instantOrNull(body.getTill());
        Instant end = till == null || till.isAfter(maxEnd) ? maxEnd : till;
        KdcOptions options = body.getKdcOptions();
        Instant rtime = instantOrNull(body.getRtime());
        boolean renewableOk = options != null && options.isFlagSet(KdcOption.RENEWABLE_OK)
                && till != null && till.isAfter(end);
        if (renewableOk && (rtime == null || rtime.isBefore(till))) {
            rtime = till;
        }
        boolean renewable = (options != null && options.isFlagSet(KdcOption.RENEWABLE) || renewableOk)
                && rtime != null && !policy.maxRenewableLifetime().isZero();
        Instant renewTill = null;
        if (renewable) {
            Instant maxRenew = now.plus(policy.maxRenewableLifetime());
            renewTill = rtime.isAfter(maxRenew) ? maxRenew : rtime;
            if (renewTill.isBefore(end)) {
                renewTill = end;
            }
        }
        return new TicketTimes(now, end, renewTill);
    }

    /** RFC 4120 5.4.1: a till of 19700101000000Z means "as long as allowed". */
    private static Instant instantOrNull(KerberosTime t) {
        return t == null || t.getTime() == 0 ? null : Instant.ofEpochMilli(t.getTime());
    }

    static KerberosTime kerberosTime(Instant i) {
        return new KerberosTime(i.toEpochMilli() / 1000 * 1000);
    }
}
