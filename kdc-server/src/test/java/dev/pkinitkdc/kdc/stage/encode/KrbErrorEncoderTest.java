package dev.pkinitkdc.kdc.stage.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pkinitkdc.failure.ETexts;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.base.KrbError;
import org.junit.jupiter.api.Test;

class KrbErrorEncoderTest {
    @Test
    void encodesAKrbErrorThatKerbyDecodesWithCodeTextAndEdata() throws Exception {
        byte[] eData = {0x30, 0x00};
        byte[] wire = new KrbErrorEncoder("LAB.EXAMPLE").encode(
                KdcFailure.shown(FailureReason.CLIENT_NAME_MISMATCH, "certificate names bob", eData), null,
                Instant.parse("2026-11-22T10:00:00.123456Z"));
        KrbError e = KrbCodec.decode(wire, KrbError.class);
        assertEquals(75, e.getErrorCode().getValue());
        assertEquals("certificate names bob", e.getEtext());
        assertEquals("LAB.EXAMPLE", e.getRealm());
        assertEquals("krbtgt/LAB.EXAMPLE", e.getSname().getName());
        assertArrayEquals(eData, e.getEdata());
        assertEquals(123456, e.getSusec());
    }

    /** Issue 16: the e-text tells the client about its own request only; the full reason is for the log. */
    @Test
    void theFullReasonOfARefusalStaysOffTheWire() throws Exception {
        String bob = "CN=bob,CN=Users,DC=lab,DC=example";
        String parser = "DEF length 200 object truncated by 196";
        for (KdcFailure failure : List.of(
                new KdcFailure(FailureReason.CLIENT_NAME_MISMATCH, "the certificate names alice@lab.example but the "
                        + "hint bob found account " + bob + " (sAMAccountName bob) which it does not map to"),
                new KdcFailure(FailureReason.MALFORMED_REQUEST, "bad DER: " + parser),
                new KdcFailure(FailureReason.CLIENT_NOT_TRUSTED, "issuing CA CN=Evil CA is not in the NTAuth store "
                        + "(directory CN=NTAuthCertificates,CN=Public Key Services,CN=Services,CN=Configuration,"
                        + "DC=lab,DC=example)"))) {
            KrbError e = KrbCodec.decode(new KrbErrorEncoder("LAB.EXAMPLE").encode(failure, null, Instant.now()),
                    KrbError.class);
            for (String secret : List.of(bob, "sAMAccountName", parser, "NTAuthCertificates", "DC=")) {
                assertFalse(e.getEtext().contains(secret), e.getEtext());
            }
            assertFalse(e.getEtext().isBlank());
        }
    }

    @Test
    void verboseETextSendsTheFullReason() throws Exception {
        KdcFailure failure = new KdcFailure(FailureReason.CLIENT_NAME_MISMATCH, "found account CN=bob,DC=lab");
        KrbErrorEncoder verbose = new KrbErrorEncoder("LAB.EXAMPLE", true);
        KrbError e = KrbCodec.decode(verbose.encode(failure, null, Instant.now()), KrbError.class);
        assertEquals("found account CN=bob,DC=lab", e.getEtext());
        assertEquals(failure.text(), verbose.eText(failure));
        assertEquals(ETexts.of(FailureReason.CLIENT_NAME_MISMATCH), new KrbErrorEncoder("LAB.EXAMPLE").eText(failure));
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
