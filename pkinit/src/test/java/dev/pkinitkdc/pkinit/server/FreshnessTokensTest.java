package dev.pkinitkdc.pkinit.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.junit.jupiter.api.Test;

class FreshnessTokensTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration SKEW = Duration.ofMinutes(5);

    private static FreshnessTokens at(Instant now) {
        return FreshnessTokens.ofRandomKey(SKEW, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTokenIsAcceptedWithinTheWindowAndRefusedAfterIt() throws Exception {
        MutableClock clock = new MutableClock(T0);
        FreshnessTokens tokens = FreshnessTokens.ofRandomKey(SKEW, clock);
        byte[] token = tokens.issue();
        clock.now = T0.plus(SKEW);
        tokens.check(token);
        clock.now = T0.plus(SKEW).plusSeconds(1);
        KdcFailure f = assertThrows(KdcFailure.class, () -> tokens.check(token));
        assertEquals(FailureReason.FRESHNESS_TOKEN_INVALID, f.reason());
    }

    @Test
    void aChangedTokenOrOneFromAnotherKeyIsRefused() {
        FreshnessTokens tokens = at(T0);
        byte[] token = tokens.issue();
        token[token.length - 3] ^= 0x01;
        assertEquals(FailureReason.FRESHNESS_TOKEN_INVALID,
                assertThrows(KdcFailure.class, () -> tokens.check(token)).reason());
        byte[] foreign = at(T0).issue();
        assertEquals(FailureReason.FRESHNESS_TOKEN_INVALID,
                assertThrows(KdcFailure.class, () -> tokens.check(foreign)).reason());
        assertEquals(FailureReason.FRESHNESS_TOKEN_INVALID,
                assertThrows(KdcFailure.class, () -> tokens.check(new byte[0])).reason());
    }

    @Test
    void anotherKdcHoldingTheSameKrbtgtKeyAcceptsTheTokenButNotAfterAKeyChange() throws Exception {
        EncryptionKey krbtgt = Enctypes.randomKey(Enctype.AES256_CTS_HMAC_SHA384_192);
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        byte[] token = new FreshnessTokens(krbtgt, 3, SKEW, clock).issue();
        new FreshnessTokens(krbtgt, 3, SKEW, clock).check(token);
        KdcFailure newKvno = assertThrows(KdcFailure.class,
                () -> new FreshnessTokens(Enctypes.randomKey(Enctype.AES256_CTS_HMAC_SHA384_192), 4, SKEW, clock)
                        .check(token));
        assertTrue(newKvno.text().contains("version 3"), newKvno.text());
        assertEquals(FailureReason.FRESHNESS_TOKEN_INVALID, assertThrows(KdcFailure.class,
                () -> new FreshnessTokens(Enctypes.randomKey(Enctype.AES256_CTS_HMAC_SHA384_192), 3, SKEW, clock)
                        .check(token)).reason());
    }

    @Test
    void theTokenHasMitsLayoutTimeKvnoAndTheChecksumOfTheTimeInTheKrbtgtKey() throws Exception {
        EncryptionKey krbtgt = Enctypes.randomKey(Enctype.AES128_CTS_HMAC_SHA256_128);
        byte[] token = new FreshnessTokens(krbtgt, 7, SKEW, Clock.fixed(T0, ZoneOffset.UTC)).issue();
        ByteBuffer header = ByteBuffer.wrap(token, 0, 8);
        assertEquals(T0.getEpochSecond(), header.getInt());
        assertEquals(7, header.getInt());
        assertArrayEquals(Enctypes.checksum(krbtgt, 514, Arrays.copyOf(token, 4)).getChecksum(),
                Arrays.copyOfRange(token, 8, token.length));
        token[3] ^= 0x01;   // another time, same checksum
        assertEquals(FailureReason.FRESHNESS_TOKEN_INVALID, assertThrows(KdcFailure.class,
                () -> new FreshnessTokens(krbtgt, 7, SKEW, Clock.fixed(T0, ZoneOffset.UTC)).check(token)).reason());
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
