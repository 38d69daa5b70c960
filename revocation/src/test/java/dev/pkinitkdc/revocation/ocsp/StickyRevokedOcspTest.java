package dev.pkinitkdc.revocation.ocsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.GracePeriod;
import dev.pkinitkdc.revocation.RevocationChecker;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationDecision;
import dev.pkinitkdc.revocation.RevocationMode;
import dev.pkinitkdc.revocation.RevocationScope;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.RevokedLedger;
import dev.pkinitkdc.revocation.testing.CountingHttpProxy;
import dev.pkinitkdc.revocation.testing.FixedHttpServer;
import dev.pkinitkdc.revocation.testing.MutableClock;
import dev.pkinitkdc.revocation.testing.OpensslIndex;
import dev.pkinitkdc.revocation.testing.OpensslOcspResponder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Revoked is sticky" (issue 21) against OCSP responders an attacker blocks or replays: a revocation a verified
 * response stated stays revoked for the KDC, across an outage, a restart and an older or newer "good".
 */
class StickyRevokedOcspTest {
    private static final Instant REVOKED_AT = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);

    private static CertifiedKey ca;
    private static CertifiedKey mallory;
    private static OpensslOcspResponder responder;

    @TempDir
    Path cacheDir;
    private final RevocationCounters counters = new RevocationCounters();

    @BeforeAll
    static void startResponder() {
        OpensslOcspResponder.requireInstalled();
        ca = CertificateBuilder.withNewKey("CN=Sticky OCSP CA,O=pkinit-kdc tests").ca(0).selfSigned();
        responder = new OpensslOcspResponder();
        mallory = CertificateBuilder.withNewKey("CN=mallory").ocspUrl(responder.url().toString()).issuedBy(ca);
        // responses valid for one minute: the test clock passes that without waiting
        responder.start(ca, ca, new OpensslIndex().revoked(mallory.certificate(), REVOKED_AT,
                OpensslIndex.KEY_COMPROMISE), Duration.ofMinutes(1));
    }

    @AfterAll
    static void stopResponder() {
        if (responder != null) {
            responder.close();
        }
    }

    @Test
    void revokedPerOcspStaysRevokedUnderSoftFailWhenTheResponderTurns503AndTheResponseExpires() {
        MutableClock clock = MutableClock.startingNow();
        try (CountingHttpProxy path = new CountingHttpProxy(responder.url());
             OcspSource ocsp = source(path.url(), clock)) {
            RevocationChecker checker = checker(ocsp, RevokedLedger.inMemory(clock));
            RevocationDecision first = check(checker);
            assertEquals(RevocationStatus.REVOKED, first.status(), first.explanation());
            assertEquals("ocsp", first.decidedBy());

            path.failWith(503);                       // the attacker blocks the responder for the rest of the test
            clock.advance(Duration.ofMinutes(5));     // and the held revoked response expires (grace 0)

            RevocationDecision later = check(checker);
            assertFalse(later.allowed(), later.explanation());
            assertEquals(RevocationStatus.REVOKED, later.status(), later.explanation());
            assertEquals(RevokedLedger.KIND, later.decidedBy());
            assertTrue(later.explanation().contains("revoked (keyCompromise)"), later.explanation());
            assertTrue(later.explanation().contains("revocation ledger: OCSP " + path.url()), later.explanation());
            assertEquals(0, counters.softFailAllowed.get());
        }
    }

    @Test
    void revokedSurvivesARestartOnTheSameCacheFolderWithTheResponderBlocked() {
        MutableClock clock = MutableClock.startingNow();
        try (CountingHttpProxy path = new CountingHttpProxy(responder.url())) {
            try (OcspSource ocsp = source(path.url(), clock)) {
                RevocationDecision first = check(checker(ocsp, RevokedLedger.inFolder(cacheDir, clock)));
                assertEquals(RevocationStatus.REVOKED, first.status(), first.explanation());
            }
            assertTrue(Files.isRegularFile(cacheDir.resolve("revoked-ledger.txt")), "the ledger is on disk");
            path.failWith(503);

            // a new KDC process: new source (nothing cached), new checker, the same folder
            try (OcspSource restarted = source(path.url(), clock)) {
                RevokedLedger reread = RevokedLedger.inFolder(cacheDir, clock);
                assertEquals(1, reread.size());
                RevocationDecision after = check(checker(restarted, reread));
                assertFalse(after.allowed(), after.explanation());
                assertEquals(RevocationStatus.REVOKED, after.status(), after.explanation());
                assertEquals(RevokedLedger.KIND, after.decidedBy());
            }
        }
    }

    @Test
    void aKeyCompromiseRevocationIsNotTakenBackByAReplayedOlderOrANewerGood() {
        CertificateToCheck victim = new CertificateToCheck(mallory.certificate(), ca.certificate());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        MutableClock clock = new MutableClock(now);
        byte[] revoked = TestOcspResponse.about(victim, ca).validity(now.minusSeconds(60), now.plusSeconds(60))
                .status(new RevokedStatus(Date.from(REVOKED_AT), CRLReason.keyCompromise)).encoded();
        // signed by the CA before the revocation and valid for a week: what an attacker on the path replays
        byte[] olderGood = TestOcspResponse.about(victim, ca)
                .validity(REVOKED_AT.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7))).encoded();
        try (FixedHttpServer server = new FixedHttpServer().answer(200, revoked);
             OcspSource ocsp = source(server.url(), clock)) {
            RevocationChecker checker = checker(ocsp, RevokedLedger.inMemory(clock));
            assertEquals(RevocationStatus.REVOKED, check(checker).status());

            server.answer(200, olderGood);
            clock.advance(Duration.ofMinutes(2));     // the revoked response expired: the source asks again
            RevocationDecision replayed = check(checker);
            assertEquals(RevocationStatus.REVOKED, replayed.status(), replayed.explanation());
            assertEquals(RevokedLedger.KIND, replayed.decidedBy());

            byte[] newerGood = TestOcspResponse.about(victim, ca)
                    .validity(clock.instant().minusSeconds(5), clock.instant().plus(Duration.ofHours(1))).encoded();
            server.answer(200, newerGood);
            RevocationDecision newer = check(checker);
            assertEquals(RevocationStatus.REVOKED, newer.status(), newer.explanation());
            assertEquals(RevokedLedger.KIND, newer.decidedBy());
            assertFalse(newer.allowed());
        }
    }

    private OcspSource source(URI responderUrl, Clock clock) {
        return new OcspSource(new OcspOptions(Optional.of(responderUrl), Duration.ofSeconds(5), GracePeriod.NONE,
                false), clock, counters);
    }

    private RevocationChecker checker(OcspSource ocsp, RevokedLedger ledger) {
        return new RevocationChecker(List.of(ocsp), RevocationMode.SOFT_FAIL, RevocationScope.END_ENTITY, counters,
                ledger);
    }

    private static RevocationDecision check(RevocationChecker checker) {
        try {
            return checker.check(List.of(mallory.certificate()), ca.certificate()).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the check did not complete within 20 s", e);
        }
    }
}
