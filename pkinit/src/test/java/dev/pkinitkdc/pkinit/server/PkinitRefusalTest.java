package dev.pkinitkdc.pkinit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.client.Misbehaviour;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import dev.pkinitkdc.pkinit.kx.ModpGroup;
import dev.pkinitkdc.pkinit.testing.TestKdc;
import dev.pkinitkdc.pkinit.testing.TestPki;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.junit.jupiter.api.Test;

/** Each RFC 4556 3.2.2 check refuses with its own FailureReason. */
class PkinitRefusalTest {
    private static final TestPki pki = TestPki.shared();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final PrincipalName ALICE = TestPki.ALICE;

    private static FailureReason refusal(PkinitClientOptions options, Clock kdcClock) {
        byte[] asReq = new PkinitClient(pki.client, List.of(pki.caCert), options, Clock.systemUTC(), RANDOM)
                .newAsReq(ALICE, TestPki.REALM).encoded();
        TestKdc kdc = new TestKdc(new Rfc4556PkinitServer(pki.kdc, PkinitPolicy.defaults(), kdcClock, RANDOM));
        return assertThrows(KdcFailure.class, () -> kdc.verify(asReq)).reason();
    }

    private static FailureReason refusal(Misbehaviour m) {
        return refusal(PkinitClientOptions.defaults().withMisbehaviour(m), Clock.systemUTC());
    }

    @Test
    void tamperedSignatureIsSignatureInvalid() {
        assertEquals(FailureReason.SIGNATURE_INVALID, refusal(Misbehaviour.TAMPER_SIGNATURE));
    }

    @Test
    void missingPaChecksumIsPaChecksumMissing() {
        assertEquals(FailureReason.PA_CHECKSUM_MISSING, refusal(Misbehaviour.OMIT_PA_CHECKSUM));
    }

    @Test
    void checksumOverOtherBytesIsPaChecksumMismatch() {
        assertEquals(FailureReason.PA_CHECKSUM_MISMATCH, refusal(Misbehaviour.WRONG_PA_CHECKSUM));
    }

    @Test
    void differentPkAuthenticatorNonceIsNonceMismatch() {
        assertEquals(FailureReason.NONCE_MISMATCH, refusal(Misbehaviour.WRONG_NONCE));
    }

    @Test
    void ctimeSixMinutesAwayIsClockSkew() {
        Clock late = Clock.fixed(Instant.now().plus(Duration.ofMinutes(6)), ZoneOffset.UTC);
        assertEquals(FailureReason.CLOCK_SKEW, refusal(PkinitClientOptions.defaults(), late));
    }

    @Test
    void ctimeFourMinutesAwayIsAccepted() throws Exception {
        byte[] asReq = new PkinitClient(pki.client, List.of(pki.caCert), PkinitClientOptions.defaults(),
                Clock.systemUTC(), RANDOM).newAsReq(ALICE, TestPki.REALM).encoded();
        Clock late = Clock.fixed(Instant.now().plus(Duration.ofMinutes(4)), ZoneOffset.UTC);
        var verified = new TestKdc(new Rfc4556PkinitServer(pki.kdc, PkinitPolicy.defaults(), late, RANDOM))
                .verify(asReq);
        assertEquals("dh-modp14", verified.keyExchange().describe());
        assertEquals(pki.client.certificate(), verified.clientCertificate());
    }

    @Test
    void dhGroup2IsRefusedWithTdDhParameters() {
        byte[] asReq = new PkinitClient(pki.client, List.of(pki.caCert),
                PkinitClientOptions.defaults().withGroup(ModpGroup.MODP2), Clock.systemUTC(), RANDOM)
                .newAsReq(ALICE, TestPki.REALM).encoded();
        TestKdc kdc = new TestKdc(new Rfc4556PkinitServer(pki.kdc, PkinitPolicy.defaults(), Clock.systemUTC(),
                RANDOM));
        KdcFailure f = assertThrows(KdcFailure.class, () -> kdc.verify(asReq));
        assertEquals(FailureReason.DH_PARAMETERS_NOT_ACCEPTED, f.reason());
        assertNotNull(f.eData());
    }

    @Test
    void group16IsRefusedWhenPolicyDemandsMoreBits() {
        byte[] asReq = new PkinitClient(pki.client, List.of(pki.caCert),
                PkinitClientOptions.defaults().withGroup(ModpGroup.MODP14), Clock.systemUTC(), RANDOM)
                .newAsReq(ALICE, TestPki.REALM).encoded();
        TestKdc kdc = new TestKdc(new Rfc4556PkinitServer(pki.kdc, new PkinitPolicy(4096, Duration.ofMinutes(5)),
                Clock.systemUTC(), RANDOM));
        assertEquals(FailureReason.DH_PARAMETERS_NOT_ACCEPTED,
                assertThrows(KdcFailure.class, () -> kdc.verify(asReq)).reason());
    }
}
