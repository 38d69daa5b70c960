package dev.pkinitkdc.revocation.ocsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.RevocationStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6960 3.2 checks on responses a real responder will not produce on demand. */
class OcspResponseVerifierTest {
    private static final URI RESPONDER = URI.create("http://127.0.0.1:9/");

    private static CertifiedKey ca;
    private static CertificateToCheck alice;
    private static CertificateToCheck bob;

    @BeforeAll
    static void pki() {
        ca = CertificateBuilder.withNewKey("CN=Verifier Test CA").ca(0).selfSigned();
        alice = new CertificateToCheck(CertificateBuilder.withNewKey("CN=alice").issuedBy(ca).certificate(),
                ca.certificate());
        bob = new CertificateToCheck(CertificateBuilder.withNewKey("CN=bob").issuedBy(ca).certificate(),
                ca.certificate());
    }

    @Test
    void aCaSignedGoodResponse() throws Exception {
        VerifiedResponse response = verify(TestOcspResponse.about(alice, ca).encoded(), request(alice, false));
        assertEquals(RevocationStatus.GOOD, response.status());
        assertEquals("signed by the issuing CA", response.signer());
    }

    @ParameterizedTest
    @CsvSource({"1, malformedRequest, UNAVAILABLE", "2, internalError, UNAVAILABLE", "3, tryLater, UNAVAILABLE",
            "5, sigRequired, UNAVAILABLE", "6, unauthorized, UNKNOWN"})
    void unsuccessfulResponseStatuses(int code, String name, RevocationStatus expected) {
        UnusableResponseException e = rejected(TestOcspResponse.unsuccessful(code), request(alice, false));
        assertEquals(expected, e.status());
        assertEquals("responder answered " + name, e.getMessage());
    }

    @Test
    void bytesThatAreNoOcspResponse() {
        UnusableResponseException e = rejected(new byte[] {0x30, 0x03, 0x02, 0x01}, request(alice, false));
        assertEquals(RevocationStatus.UNAVAILABLE, e.status());
        assertTrue(e.getMessage().startsWith("malformed OCSP response"), e.getMessage());
    }

    @Test
    void aSentNonceMustBeEchoed() throws Exception {
        OcspRequest withNonce = request(alice, true);
        assertTrue(rejected(TestOcspResponse.about(alice, ca).encoded(), withNonce).getMessage()
                .contains("does not echo the request nonce"));
        OcspRequest other = request(alice, true);
        assertTrue(rejected(TestOcspResponse.about(alice, ca).nonce(other.nonce().orElseThrow()).encoded(), withNonce)
                .getMessage().contains("nonce differs"));
        assertEquals(RevocationStatus.GOOD, verify(TestOcspResponse.about(alice, ca)
                .nonce(withNonce.nonce().orElseThrow()).encoded(), withNonce).status());
    }

    @Test
    void thisUpdateMayNotLieMoreThanFiveMinutesAhead() throws Exception {
        Instant now = Instant.now();
        byte[] skewed = TestOcspResponse.about(alice, ca)
                .validity(now.plus(Duration.ofMinutes(4)), now.plus(Duration.ofHours(1))).encoded();
        assertEquals(RevocationStatus.GOOD, OcspResponseVerifier.verify(skewed, request(alice, false),
                ca.certificate(), RESPONDER, now).status());
        byte[] future = TestOcspResponse.about(alice, ca)
                .validity(now.plus(Duration.ofMinutes(6)), now.plus(Duration.ofHours(1))).encoded();
        UnusableResponseException e = assertThrows(UnusableResponseException.class, () ->
                OcspResponseVerifier.verify(future, request(alice, false), ca.certificate(), RESPONDER, now));
        assertTrue(e.getMessage().contains("in the future"), e.getMessage());
    }

    @Test
    void aResponseAboutAnotherCertificateHasNoSingleResponseForOurs() {
        byte[] aboutBob = TestOcspResponse.about(alice, ca).forId(CertId.requestId(bob)).encoded();
        assertTrue(rejected(aboutBob, request(alice, false)).getMessage().contains("no SingleResponse"));
    }

    @Test
    void aDelegatedResponderMustBeIncludedInTheResponse() {
        CertifiedKey delegated = CertificateBuilder.withNewKey("CN=responder")
                .extendedKeyUsages(KeyPurposeId.id_kp_OCSPSigning).issuedBy(ca);
        byte[] withoutCertificate = TestOcspResponse.about(alice, delegated).withoutSignerCertificate().encoded();
        assertTrue(rejected(withoutCertificate, request(alice, false)).getMessage().contains("verifies neither"));
    }

    @Test
    void anExpiredDelegatedResponderCertificateIsUnauthorized() {
        Instant now = Instant.now();
        CertifiedKey expired = CertificateBuilder.withNewKey("CN=old responder")
                .extendedKeyUsages(KeyPurposeId.id_kp_OCSPSigning)
                .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).issuedBy(ca);
        UnusableResponseException e = rejected(TestOcspResponse.about(alice, expired).encoded(),
                request(alice, false));
        assertTrue(e.getMessage().contains("unauthorized responder CN=old responder: outside its validity"),
                e.getMessage());
    }

    @Test
    void aRevocationWithoutReasonIsUnspecified() throws Exception {
        Instant when = Instant.parse("2024-01-02T03:04:05Z");
        VerifiedResponse response = verify(TestOcspResponse.about(alice, ca)
                .status(new RevokedStatus(Date.from(when))).encoded(), request(alice, false));
        assertEquals(RevocationStatus.REVOKED, response.status());
        assertEquals("unspecified", response.revoked().orElseThrow().reason());
        assertEquals(when, response.revoked().orElseThrow().revocationTime());
    }

    @Test
    void withoutNextUpdateAResponseIsCurrentForFiveMinutes() throws Exception {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS); // GeneralizedTime: seconds
        VerifiedResponse response = verify(TestOcspResponse.about(alice, ca).validity(now, null).encoded(),
                request(alice, false));
        assertTrue(response.nextUpdate().isEmpty());
        assertTrue(response.current(now.plus(Duration.ofMinutes(5))));
        assertFalse(response.current(now.plus(Duration.ofMinutes(5)).plusSeconds(1)));
    }

    private static OcspRequest request(CertificateToCheck certificate, boolean nonce) {
        return OcspRequest.of(CertId.requestId(certificate), nonce);
    }

    private static VerifiedResponse verify(byte[] der, OcspRequest request) throws UnusableResponseException {
        return OcspResponseVerifier.verify(der, request, ca.certificate(), RESPONDER, Instant.now());
    }

    private static UnusableResponseException rejected(byte[] der, OcspRequest request) {
        return assertThrows(UnusableResponseException.class, () -> verify(der, request));
    }
}
