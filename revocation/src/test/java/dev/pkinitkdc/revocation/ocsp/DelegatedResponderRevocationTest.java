package dev.pkinitkdc.revocation.ocsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import dev.pkinitkdc.pkinit.labpki.CrlBuilder;
import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.GracePeriod;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationSource;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.SourceAnswer;
import dev.pkinitkdc.revocation.crl.CrlOptions;
import dev.pkinitkdc.revocation.crl.CrlSource;
import dev.pkinitkdc.revocation.testing.CrlServer;
import dev.pkinitkdc.revocation.testing.LoopbackPorts;
import dev.pkinitkdc.revocation.testing.OpensslIndex;
import dev.pkinitkdc.revocation.testing.OpensslOcspResponder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 6960 4.2.2.2.1: responses of a real {@code openssl ocsp} responder signing with a delegated responder
 * certificate, whose own status comes from its CRL distribution point on a real HTTP server.
 */
class DelegatedResponderRevocationTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static CertifiedKey ca;
    private static CertifiedKey alice;
    private static CertifiedKey mallory;
    private static OpensslIndex index;

    private final RevocationCounters counters = new RevocationCounters();
    private CrlServer crls;
    private CrlSource crlSource;
    private OpensslOcspResponder responder;

    @BeforeAll
    static void pki() {
        OpensslOcspResponder.requireInstalled();
        ca = CertificateBuilder.withNewKey("CN=Delegation Test CA").ca(0).selfSigned();
        alice = CertificateBuilder.withNewKey("CN=alice").issuedBy(ca);
        mallory = CertificateBuilder.withNewKey("CN=mallory").issuedBy(ca);
        index = new OpensslIndex().valid(alice.certificate())
                .revoked(mallory.certificate(), NOW.minus(Duration.ofDays(1)), OpensslIndex.KEY_COMPROMISE);
    }

    @BeforeEach
    void start() throws Exception {
        crls = new CrlServer();
        crlSource = new CrlSource(new CrlOptions(Duration.ofSeconds(2), GracePeriod.NONE, List.of(), Optional.empty(),
                Duration.ofSeconds(60), 1 << 20), Clock.systemUTC(), counters);
        responder = new OpensslOcspResponder();
    }

    @AfterEach
    void stop() {
        responder.close();
        crlSource.close();
        crls.close();
    }

    @Test
    void aDelegatedResponderRevokedOnItsOwnCrlIsNotBelieved() {
        CertifiedKey delegated = delegated("CN=revoked responder", crls.url("/ca.crl"));
        serveCrlRevoking(delegated);
        responder.start(ca, delegated, index, Duration.ofMinutes(10));
        try (OcspSource source = source(crlSource)) {
            SourceAnswer answer = check(source, alice);
            assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
            assertTrue(answer.detail().contains("delegated responder CN=revoked responder whose certificate is "
                    + "revoked (crl " + crls.url("/ca.crl") + ", keyCompromise)"), answer.detail());
            assertEquals(1, counters.ocspFetchFailures.get());
        }
    }

    @Test
    void aDelegatedResponderGoodOnItsCrlIsBelievedAndItsStatusCheckedOnce() {
        CertifiedKey delegated = delegated("CN=good responder", crls.url("/ca.crl"));
        crls.serve("/ca.crl", crl().build());
        responder.start(ca, delegated, index, Duration.ofMinutes(10));
        AtomicInteger asked = new AtomicInteger();
        RevocationSource counting = new RevocationSource() {
            @Override
            public String kind() {
                return crlSource.kind();
            }

            @Override
            public CompletableFuture<SourceAnswer> check(CertificateToCheck certificate, FetchPolicy fetch) {
                asked.incrementAndGet();
                return crlSource.check(certificate, fetch);
            }
        };
        try (OcspSource source = source(counting)) {
            SourceAnswer good = check(source, alice);
            assertEquals(RevocationStatus.GOOD, good.status(), good.detail());
            assertTrue(good.detail().contains("delegated responder CN=good responder; its certificate is good by crl "
                    + crls.url("/ca.crl")), good.detail());
            SourceAnswer revoked = check(source, mallory);
            assertEquals(RevocationStatus.REVOKED, revoked.status(), revoked.detail());
            assertEquals(1, asked.get(), "the responder's status is kept for its next responses");
            assertEquals(1, crls.requests("/ca.crl"));
        }
    }

    @Test
    void aDelegatedResponderWhoseCdpIsDownIsNotBelieved() {
        String down = "http://127.0.0.1:" + LoopbackPorts.free() + "/ca.crl";
        responder.start(ca, delegated("CN=unverifiable responder", down), index, Duration.ofMinutes(10));
        try (OcspSource source = source(crlSource)) {
            SourceAnswer answer = check(source, alice);
            assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
            assertTrue(answer.detail().contains("delegated responder CN=unverifiable responder whose certificate's "
                    + "own revocation status cannot be established (crl " + down), answer.detail());
        }
    }

    @Test
    void aDelegatedResponderWithoutCdpIsNotBelieved() {
        CertifiedKey bare = CertificateBuilder.withNewKey("CN=responder without CDP")
                .extendedKeyUsages(KeyPurposeId.id_kp_OCSPSigning).issuedBy(ca);
        responder.start(ca, bare, index, Duration.ofMinutes(10));
        try (OcspSource source = source(crlSource)) {
            SourceAnswer answer = check(source, alice);
            assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
            assertTrue(answer.detail().contains("own revocation status cannot be established"), answer.detail());
            assertTrue(answer.detail().contains("no CRL distribution point"), answer.detail());
        }
    }

    @Test
    void aNocheckResponderIsBelievedWithoutAskingItsCdp() {
        CertifiedKey nocheck = CertificateBuilder.withNewKey("CN=nocheck responder")
                .extendedKeyUsages(KeyPurposeId.id_kp_OCSPSigning).ocspNoCheck()
                .crlDistributionPoint(crls.url("/ca.crl")).issuedBy(ca);
        serveCrlRevoking(nocheck);
        responder.start(ca, nocheck, index, Duration.ofMinutes(10));
        try (OcspSource source = source(crlSource)) {
            SourceAnswer answer = check(source, alice);
            assertEquals(RevocationStatus.GOOD, answer.status(), answer.detail());
            assertTrue(answer.detail().contains("(id-pkix-ocsp-nocheck)"), answer.detail());
            assertEquals(0, crls.requests("/ca.crl"), "RFC 6960 4.2.2.2.1: nocheck means no check");
        }
    }

    private OcspSource source(RevocationSource responderStatus) {
        return new OcspSource(new OcspOptions(Optional.of(responder.url()), Duration.ofSeconds(5), GracePeriod.NONE,
                false), Clock.systemUTC(), counters, responderStatus);
    }

    private static CertifiedKey delegated(String subject, String cdp) {
        return CertificateBuilder.withNewKey(subject).extendedKeyUsages(KeyPurposeId.id_kp_OCSPSigning)
                .crlDistributionPoint(cdp).issuedBy(ca);
    }

    /** The CA's CRL at /ca.crl, listing {@code responder} as revoked for keyCompromise an hour ago. */
    private void serveCrlRevoking(CertifiedKey responder) {
        crls.serve("/ca.crl", crl().revoke(responder.certificate().getSerialNumber(), NOW.minusSeconds(3600),
                CRLReason.keyCompromise).build());
    }

    private static CrlBuilder crl() {
        return CrlBuilder.by(ca).validity(NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1)));
    }

    private static SourceAnswer check(OcspSource source, CertifiedKey user) {
        try {
            return source.check(new CertificateToCheck(user.certificate(), ca.certificate()), FetchPolicy.NETWORK)
                    .get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the check did not complete within 20 s", e);
        }
    }
}
