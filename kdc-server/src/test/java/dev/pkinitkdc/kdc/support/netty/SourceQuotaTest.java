package dev.pkinitkdc.kdc.support.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SourceQuotaTest {
    private static InetAddress source(String address) throws Exception {
        return SourceQuota.source(new InetSocketAddress(InetAddress.getByName(address), 88));
    }

    @Test
    void anIpv6HostCannotWalkItsOwnSlash64ForFreshQuotas() throws Exception {
        SourceQuota quota = new SourceQuota(10, 2);
        assertEquals(SourceQuota.Verdict.TAKEN, quota.take(source("2001:db8:1:2::1")));
        assertEquals(SourceQuota.Verdict.TAKEN, quota.take(source("2001:db8:1:2::ffff")));
        assertEquals(SourceQuota.Verdict.SOURCE_FULL, quota.take(source("2001:db8:1:2:dead:beef:0:7")));
        assertEquals(SourceQuota.Verdict.TAKEN, quota.take(source("2001:db8:1:3::1")), "another /64");
        assertEquals(SourceQuota.Verdict.TAKEN, quota.take(source("192.0.2.1")));
        assertEquals(SourceQuota.Verdict.TAKEN, quota.take(source("192.0.2.2")), "IPv4: each address");
    }

    @Test
    void theTotalCapHoldsAcrossSourcesAndReleasedSlotsAreTakenAgain() throws Exception {
        SourceQuota quota = new SourceQuota(2, 2);
        InetAddress a = source("192.0.2.1");
        assertEquals(SourceQuota.Verdict.TAKEN, quota.take(a));
        assertEquals(SourceQuota.Verdict.TAKEN, quota.take(source("192.0.2.2")));
        assertEquals(SourceQuota.Verdict.FULL, quota.take(source("192.0.2.3")));
        quota.release(a);
        assertEquals(1, quota.total());
        assertEquals(SourceQuota.Verdict.TAKEN, quota.take(source("192.0.2.3")));
        assertThrows(IllegalStateException.class, () -> quota.release(source("192.0.2.9")), "never taken");
        assertEquals(SourceQuota.Verdict.TAKEN, new SourceQuota(1, 1).take(null), "an unknown peer is one source");
    }
}
