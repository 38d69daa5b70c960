package dev.pkinitkdc.kdc.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import java.time.Instant;
import java.util.EnumSet;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.base.KrbError;
import org.junit.jupiter.api.Test;

class KrbErrorEncoderTest {
    @Test
    void encodesAKrbErrorThatKerbyDecodesWithCodeTextAndEdata() throws Exception {
        byte[] eData = {0x30, 0x00};
        byte[] wire = new KrbErrorEncoder("LAB.EXAMPLE").encode(
                new KdcFailure(FailureReason.CLIENT_NAME_MISMATCH, "certificate names bob", eData, null), null,
                Instant.parse("2026-11-22T10:00:00.123456Z"));
        KrbError e = KrbCodec.decode(wire, KrbError.class);
        assertEquals(75, e.getErrorCode().getValue());
        assertEquals("certificate names bob", e.getEtext());
        assertEquals("LAB.EXAMPLE", e.getRealm());
        assertEquals("krbtgt/LAB.EXAMPLE", e.getSname().getName());
        assertArrayEquals(eData, e.getEdata());
        assertEquals(123456, e.getSusec());
    }

    @Test
    void everyReasonHasACodeInTheKerberosRange() {
        for (FailureReason r : EnumSet.allOf(FailureReason.class)) {
            int code = KrbErrorCodes.codeFor(r);
            assertEquals(true, code > 0 && code < 128, r + " -> " + code);
        }
        assertEquals(25, KrbErrorCodes.codeFor(FailureReason.PREAUTH_REQUIRED));
        assertEquals(77, KrbErrorCodes.codeFor(FailureReason.KEY_PURPOSE_INCONSISTENT));
        assertEquals(29, KrbErrorCodes.codeFor(FailureReason.DIRECTORY_UNAVAILABLE));
    }

    @Test
    void revokedUnknownAndUnavailableAreThreeDifferentCodes() {
        // RFC 4556 3.2.3: KDC_ERR_REVOKED_CERTIFICATE, _REVOCATION_STATUS_UNKNOWN, _REVOCATION_STATUS_UNAVAILABLE
        assertEquals(72, KrbErrorCodes.codeFor(FailureReason.REVOKED_CERTIFICATE));
        assertEquals(73, KrbErrorCodes.codeFor(FailureReason.REVOCATION_STATUS_UNKNOWN));
        assertEquals(74, KrbErrorCodes.codeFor(FailureReason.REVOCATION_STATUS_UNAVAILABLE));
    }
}
