package dev.pkinitkdc.kdc.stage.issue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import java.time.Duration;
import java.time.Instant;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOption;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOptions;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcReqBody;
import org.junit.jupiter.api.Test;

class TicketTimesTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final TicketPolicy POLICY = new TicketPolicy(Duration.ofHours(10), Duration.ofDays(7));

    private static KdcReqBody body(Duration till, Duration rtime, KdcOption... options) {
        KdcReqBody b = new KdcReqBody();
        KdcOptions o = new KdcOptions();
        for (KdcOption opt : options) {
            o.setFlag(opt);
        }
        b.setKdcOptions(o);
        b.setTill(new KerberosTime(till == null ? 0 : NOW.plus(till).toEpochMilli()));
        if (rtime != null) {
            b.setRtime(new KerberosTime(NOW.plus(rtime).toEpochMilli()));
        }
        return b;
    }

    @Test
    void endIsTheEarlierOfTillAndTheMaximum() throws KdcFailure {
        assertEquals(NOW.plus(Duration.ofHours(10)), TicketTimes.of(body(Duration.ofHours(24), null), NOW, POLICY).endTime());
        assertEquals(NOW.plus(Duration.ofHours(1)), TicketTimes.of(body(Duration.ofHours(1), null), NOW, POLICY).endTime());
        assertEquals(NOW.plus(Duration.ofHours(10)), TicketTimes.of(body(null, null), NOW, POLICY).endTime(),
                "till 0 means as long as allowed");
    }

    @Test
    void renewableOnlyWhenAskedAndCappedByPolicy() throws KdcFailure {
        assertNull(TicketTimes.of(body(Duration.ofHours(24), Duration.ofDays(30)), NOW, POLICY).renewTill());
        assertEquals(NOW.plus(Duration.ofDays(7)),
                TicketTimes.of(body(Duration.ofHours(1), Duration.ofDays(30), KdcOption.RENEWABLE), NOW, POLICY).renewTill());
        assertEquals(NOW.plus(Duration.ofHours(24)),
                TicketTimes.of(body(Duration.ofHours(24), null, KdcOption.RENEWABLE_OK), NOW, POLICY).renewTill(),
                "RENEWABLE-OK turns a till beyond the maximum into a renew-till");
    }

    /** RFC 4120 3.1.3: a till already past (or equal to now) can never be valid. */
    @Test
    void endAlreadyPastIsNeverValid() {
        assertEquals(FailureReason.TICKET_NEVER_VALID, assertThrows(KdcFailure.class,
                () -> TicketTimes.of(body(Duration.ofHours(-1), null), NOW, POLICY)).reason());
        assertEquals(FailureReason.TICKET_NEVER_VALID, assertThrows(KdcFailure.class,
                () -> TicketTimes.of(body(Duration.ZERO, null), NOW, POLICY)).reason());
    }

    @Test
    void startBeyondTheSkewIsAPostdatedTicketThatIsNotIssued() throws KdcFailure {
        KdcReqBody later = body(Duration.ofHours(20), null);
        later.setFrom(new KerberosTime(NOW.plus(Duration.ofHours(2)).toEpochMilli()));
        assertEquals(FailureReason.CANNOT_POSTDATE,
                assertThrows(KdcFailure.class, () -> TicketTimes.of(later, NOW, POLICY)).reason());
        KdcReqBody withinSkew = body(Duration.ofHours(1), null);
        withinSkew.setFrom(new KerberosTime(NOW.plus(Duration.ofMinutes(4)).toEpochMilli()));
        assertEquals(NOW, TicketTimes.of(withinSkew, NOW, POLICY).authTime(), "a start within the skew is now");
    }

    @Test
    void renewTillNotAfterTheEndIsNoRenewableTicket() throws KdcFailure {
        assertNull(TicketTimes.of(body(Duration.ofHours(5), Duration.ofHours(2), KdcOption.RENEWABLE), NOW, POLICY)
                .renewTill());
        assertEquals(NOW.plus(Duration.ofDays(7)),
                TicketTimes.of(body(Duration.ofHours(5), null, KdcOption.RENEWABLE), NOW, POLICY).renewTill(),
                "RENEWABLE without rtime: as long as allowed (MIT)");
        TicketPolicy noRenewal = new TicketPolicy(Duration.ofHours(10), Duration.ZERO);
        assertNull(TicketTimes.of(body(Duration.ofHours(5), Duration.ofDays(1), KdcOption.RENEWABLE), NOW, noRenewal)
                .renewTill());
    }
}
