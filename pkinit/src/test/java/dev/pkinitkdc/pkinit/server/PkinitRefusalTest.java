package dev.pkinitkdc.pkinit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.client.Misbehaviour;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import dev.pkinitkdc.pkinit.kx.EcCurve;
import dev.pkinitkdc.pkinit.kx.ModpGroup;
import dev.pkinitkdc.pkinit.testing.OfferedKeyExchanges;
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
        return failure(options, PkinitPolicy.defaults(), kdcClock).reason();
    }

    private static KdcFailure failure(PkinitClientOptions options, PkinitPolicy policy, Clock kdcClock) {
        byte[] asReq = new PkinitClient(pki.client, List.of(pki.caCert), options, Clock.systemUTC(), RANDOM)
                .newAsReq(ALICE, TestPki.REALM).encoded();
        TestKdc kdc = new TestKdc(new Rfc4556PkinitServer(pki.kdc, policy, kdcClock, RANDOM));
        return assertThrows(KdcFailure.class, () -> kdc.verify(asReq));
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
    void dhGroup2IsRefusedWithTdDhParametersOfferingGroups14And16And18() {
        KdcFailure f = failure(PkinitClientOptions.defaults().withGroup(ModpGroup.MODP2), PkinitPolicy.defaults(),
                Clock.systemUTC());
        assertEquals(FailureReason.DH_PARAMETERS_NOT_ACCEPTED, f.reason());
        assertEquals(List.of("modp14", "modp16", "modp18"), OfferedKeyExchanges.of(f.eData()));
    }

    @Test
    void group14IsRefusedWhenPolicyDemandsMoreBitsAndOnlyTheBiggerGroupsAreOffered() {
        KdcFailure f = failure(PkinitClientOptions.defaults().withGroup(ModpGroup.MODP14),
                new PkinitPolicy(4096, Duration.ofMinutes(5)), Clock.systemUTC());
        assertEquals(FailureReason.DH_PARAMETERS_NOT_ACCEPTED, f.reason());
        assertEquals(List.of("modp16", "modp18"), OfferedKeyExchanges.of(f.eData()));
    }

    /** RFC 5349 7: an ECDH request on a curve below the policy gets the MODP groups first, then the named curves. */
    @Test
    void p256IsRefusedWhenPolicyDemands384BitsAndTheCurvesFollowTheGroups() {
        KdcFailure f = failure(PkinitClientOptions.defaults().withCurve(EcCurve.P256),
                new PkinitPolicy(new KeyExchangePolicy(2048, 384, true), Duration.ofMinutes(5)), Clock.systemUTC());
        assertEquals(FailureReason.DH_PARAMETERS_NOT_ACCEPTED, f.reason());
        assertEquals(List.of("modp14", "modp16", "modp18", "1.3.132.0.34", "1.3.132.0.35"),
                OfferedKeyExchanges.of(f.eData()));
    }
}
