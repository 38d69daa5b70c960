package dev.pkinitkdc.kdc.stage.issue;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import java.time.Instant;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOption;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOptions;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcReqBody;

/**
 * The times of a new TGT, RFC 4120 3.1.3. It starts now: a start time beyond the clock skew is a postdated
 * ticket, which this KDC does not issue (KDC_ERR_CANNOT_POSTDATE). It ends at the earlier of the requested till
 * and the policy's maximum; an end not after the start is KDC_ERR_NEVER_VALID. It is renewable when asked
 * (RENEWABLE, whose missing rtime means "as long as allowed" as in MIT, or RENEWABLE-OK with a till beyond the
 * maximum), up to the earlier of the requested rtime and the renewable maximum, and only if that is after the end.
 *
 * @param renewTill null when the ticket is not renewable
 */
record TicketTimes(Instant authTime, Instant endTime, Instant renewTill) {

    static TicketTimes of(KdcReqBody body, Instant now, TicketPolicy policy) throws KdcFailure {
        Instant from = instantOrNull(body.getFrom());
        if (from != null && from.isAfter(now.plus(policy.clockSkew()))) {
            throw KdcFailure.shown(FailureReason.CANNOT_POSTDATE, "the requested start time " + from
                    + " is in the future; this KDC does not issue postdated tickets");
        }
        Instant maxEnd = now.plus(policy.maxLifetime());
        Instant till = instantOrNull(body.getTill());
        Instant end = till == null || till.isAfter(maxEnd) ? maxEnd : till;
        if (!end.isAfter(now)) {
            throw KdcFailure.shown(FailureReason.TICKET_NEVER_VALID, "the requested end time " + end
                    + " is not after the start time " + now);
        }
        KdcOptions options = body.getKdcOptions();
        boolean renewableOk = isSet(options, KdcOption.RENEWABLE_OK) && till != null && till.isAfter(end);
        boolean renewable = isSet(options, KdcOption.RENEWABLE) || renewableOk;
        Instant renewTill = null;
        if (renewable && !policy.maxRenewableLifetime().isZero()) {
            Instant maxRenew = now.plus(policy.maxRenewableLifetime());
            Instant rtime = instantOrNull(body.getRtime());
            if (renewableOk && (rtime == null || rtime.isBefore(till))) {
                rtime = till;
            }
            renewTill = rtime == null || rtime.isAfter(maxRenew) ? maxRenew : rtime;
            if (!renewTill.isAfter(end)) {
                renewTill = null;   // MIT: a renew-till not after the end time is no renewable ticket
            }
        }
        return new TicketTimes(now, end, renewTill);
    }

    private static boolean isSet(KdcOptions options, KdcOption option) {
        return options != null && options.isFlagSet(option);
    }

    /** RFC 4120 5.4.1: a till (or rtime) of 19700101000000Z means "as long as allowed"; absent means the same. */
    private static Instant instantOrNull(KerberosTime t) {
        return t == null || t.getTime() == 0 ? null : Instant.ofEpochMilli(t.getTime());
    }

    static KerberosTime kerberosTime(Instant i) {
        return new KerberosTime(i.toEpochMilli() / 1000 * 1000);
    }
}
