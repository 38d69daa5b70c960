package dev.pkinitkdc.revocation.crl;

import static dev.pkinitkdc.revocation.crl.TestPki.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import dev.pkinitkdc.pkinit.labpki.CrlBuilder;
import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.GracePeriod;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.SourceAnswer;
import dev.pkinitkdc.revocation.testing.CrlServer;
import dev.pkinitkdc.revocation.testing.FixedHttpServer;
import dev.pkinitkdc.revocation.testing.SilentServer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delta CRL (RFC 5280 5.2.4) named by freshestCRL (4.2.1.15, 5.2.6) that an attacker blocks, hangs or replaces
 * with a stale copy: the certificate revoked only in the delta must never come out GOOD from the complete CRL
 * alone, while a revocation the complete CRL already states (other than certificateHold) stays REVOKED.
 */
class DeltaCrlAvailabilityTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path temp;
    private CrlServer server;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new CrlServer();
        closing.add(server);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private CrlSource source(GracePeriod grace, List<Path> mirrors) {
        CrlSource source = new CrlSource(CrlSourceHttpTest.options(grace, Optional.empty(), mirrors),
                Clock.systemUTC(), new RevocationCounters());
        closing.add(source);
        return source;
    }

    private static CrlBuilder complete(String deltaUrl) {
        return CrlBuilder.by(TestPki.ca()).number(20).validity(NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1)))
                .freshestCrl(deltaUrl);
    }

    private static CrlBuilder delta(Instant thisUpdate, Instant nextUpdate) {
        return CrlBuilder.by(TestPki.ca()).number(21).deltaOf(20).validity(thisUpdate, nextUpdate);
    }

    private static BigInteger serial(CertificateToCheck check) {
        return check.certificate().getSerialNumber();
    }

    private static void assertUnavailable(SourceAnswer answer, String expectedDetail) {
        assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
        assertTrue(answer.detail().contains(expectedDetail), answer.detail());
    }

    @Test
    void aDeltaUrlAnswering503MakesACertificateRevokedOnlyInTheDeltaUnavailable() throws Exception {
        FixedHttpServer blocked = new FixedHttpServer().answer(503, new byte[0]);
        closing.add(blocked);
        String deltaUrl = blocked.url() + "delta.crl";
        CertificateToCheck revokedInDelta = TestPki.user(server.url("/ca.crl"));
        server.serve("/ca.crl", complete(deltaUrl).build());

        SourceAnswer answer = await(source(GracePeriod.NONE, List.of()).check(revokedInDelta, FetchPolicy.NETWORK));
        assertUnavailable(answer, "delta CRL");
        assertTrue(answer.detail().contains("503"), answer.detail());
        assertEquals(1, blocked.requests());
    }

    @Test
    void aDeltaUrlThatHangsIsUnavailableAfterTheTimeout() throws Exception {
        SilentServer silent = new SilentServer();
        closing.add(silent);
        CertificateToCheck user = TestPki.user(server.url("/ca.crl"));
        server.serve("/ca.crl", complete(silent.url() + "delta.crl").build());

        assertUnavailable(await(source(GracePeriod.NONE, List.of()).check(user, FetchPolicy.NETWORK)), "timed out");
    }

    @Test
    void aStaleDeltaIsUnavailableBeyondGraceAndAppliedWithinIt() throws Exception {
        CertificateToCheck revokedInDelta = TestPki.user(server.url("/ca.crl"));
        server.serve("/ca.crl", complete(server.url("/delta.crl")).build());
        server.serve("/delta.crl", delta(NOW.minus(Duration.ofHours(5)), NOW.minus(Duration.ofHours(2)))
                .revoke(serial(revokedInDelta), NOW.minus(Duration.ofHours(4)), CRLReason.keyCompromise).build());

        assertUnavailable(await(source(GracePeriod.NONE, List.of()).check(revokedInDelta, FetchPolicy.NETWORK)),
                "beyond the grace");
        SourceAnswer withinGrace = await(source(new GracePeriod(Duration.ofHours(3)), List.of())
                .check(revokedInDelta, FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.REVOKED, withinGrace.status(), withinGrace.detail());
        assertTrue(withinGrace.grace());
    }

    @Test
    void aRevocationInTheCompleteCrlStaysRevokedHoldIncluded() throws Exception {
        FixedHttpServer blocked = new FixedHttpServer().answer(503, new byte[0]);
        closing.add(blocked);
        CertificateToCheck compromised = TestPki.user(server.url("/ca.crl"));
        CertificateToCheck onHold = TestPki.user(server.url("/ca.crl"));
        server.serve("/ca.crl", complete(blocked.url() + "delta.crl")
                .revoke(serial(compromised), NOW, CRLReason.keyCompromise)
                .revoke(serial(onHold), NOW, CRLReason.certificateHold).build());
        CrlSource source = source(GracePeriod.NONE, List.of());

        SourceAnswer revoked = await(source.check(compromised, FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.REVOKED, revoked.status(), revoked.detail());
        assertEquals("keyCompromise", revoked.revoked().orElseThrow().reason());
        // only a verified newer statement (removeFromCRL in a delta, a newer CRL) releases a hold
        SourceAnswer held = await(source.check(onHold, FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.REVOKED, held.status(), held.detail());
        assertEquals("certificateHold", held.revoked().orElseThrow().reason());
    }

    @Test
    void removeFromCrlInTheDeltaReleasesOnlyAHold() throws Exception {
        CertificateToCheck compromised = TestPki.user(server.url("/ca.crl"));
        server.serve("/ca.crl", complete(server.url("/delta.crl"))
                .revoke(serial(compromised), NOW, CRLReason.keyCompromise).build());
        server.serve("/delta.crl", delta(NOW.minusSeconds(30), NOW.plus(Duration.ofHours(1)))
                .revoke(serial(compromised), NOW, CRLReason.removeFromCRL).build());
        SourceAnswer answer = await(source(GracePeriod.NONE, List.of()).check(compromised, FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.REVOKED, answer.status(), answer.detail());
    }

    @Test
    void aDeltaNamedOnlyByTheCertificatesFreshestCrlCounts() throws Exception {
        FixedHttpServer blocked = new FixedHttpServer().answer(500, new byte[0]);
        closing.add(blocked);
        BigInteger serial = TestPki.serial();
        String deltaUrl = blocked.url() + "delta.crl";
        CRLDistPoint freshest = new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(
                new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                        deltaUrl))), null, null)});
        var certificate = CertificateBuilder.withKey("CN=user " + serial, TestPki.ca().keyPair()).serial(serial)
                .crlDistributionPoint(server.url("/plain.crl"))
                .extension(new Extension(Extension.freshestCRL, false, freshest.getEncoded()))
                .issuedBy(TestPki.ca()).certificate();
        CertificateToCheck user = new CertificateToCheck(certificate, TestPki.ca().certificate());
        server.serve("/plain.crl", CrlBuilder.by(TestPki.ca()).number(20)
                .validity(NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1))).build());

        assertUnavailable(await(source(GracePeriod.NONE, List.of()).check(user, FetchPolicy.NETWORK)), "500");
    }

    @Test
    void aMirroredCompleteCrlDoesNotAnswerAloneWhenItsDeltaIsBlocked() throws Exception {
        FixedHttpServer blocked = new FixedHttpServer().answer(503, new byte[0]);
        closing.add(blocked);
        Path mirror = temp.resolve("issuing.crl");
        Files.write(mirror, complete(blocked.url() + "delta.crl").build().getEncoded());
        CertificateToCheck user = TestPki.user();

        SourceAnswer answer = await(source(GracePeriod.NONE, List.of(mirror)).check(user, FetchPolicy.NETWORK));
        assertUnavailable(answer, "delta CRL");
        assertEquals(1, blocked.requests());
    }

    @Test
    void aMirroredCompleteCrlWithItsDeltaDownloadedAnswersRevoked() throws Exception {
        Path mirror = temp.resolve("issuing.crl");
        Files.write(mirror, complete(server.url("/delta.crl")).build().getEncoded());
        CertificateToCheck revokedInDelta = TestPki.user();
        server.serve("/delta.crl", delta(NOW.minusSeconds(30), NOW.plus(Duration.ofHours(1)))
                .revoke(serial(revokedInDelta), NOW, CRLReason.keyCompromise).build());

        SourceAnswer answer = await(source(GracePeriod.NONE, List.of(mirror))
                .check(revokedInDelta, FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.REVOKED, answer.status(), answer.detail());
    }
}
