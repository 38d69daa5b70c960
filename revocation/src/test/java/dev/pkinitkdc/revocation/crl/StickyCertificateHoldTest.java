package dev.pkinitkdc.revocation.crl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.labpki.CrlBuilder;
import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.GracePeriod;
import dev.pkinitkdc.revocation.RevocationChecker;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationDecision;
import dev.pkinitkdc.revocation.RevocationMode;
import dev.pkinitkdc.revocation.RevocationScope;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.RevokedLedger;
import dev.pkinitkdc.revocation.testing.CrlServer;
import dev.pkinitkdc.revocation.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one revocation the ledger releases: a certificateHold (RFC 5280 5.3.1), and only when a CRL of the same CA
 * stated after the hold no longer lists it.
 */
class StickyCertificateHoldTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path cacheDir;
    private CrlServer server;
    private CrlSource source;
    private final MutableClock clock = new MutableClock(NOW);
    private final RevocationCounters counters = new RevocationCounters();

    @BeforeEach
    void start() throws Exception {
        server = new CrlServer();
        source = newSource();
    }

    @AfterEach
    void stop() {
        source.close();
        server.close();
    }

    @Test
    void aHoldIsReleasedByANewerCrlWithoutIt() {
        CertificateToCheck user = onHold(1);
        RevokedLedger ledger = RevokedLedger.inFolder(cacheDir, clock);
        RevocationChecker checker = checker(ledger);
        RevocationDecision held = check(checker, user);
        assertEquals(RevocationStatus.REVOKED, held.status(), held.explanation());
        assertTrue(held.explanation().contains("certificateHold"), held.explanation());
        assertEquals(1, ledger.size());

        // the CA lifts the hold: its next CRL, stated after the hold, no longer lists the serial
        server.serve("/ca.crl", CrlBuilder.by(TestPki.ca()).number(2).validity(NOW.plus(Duration.ofMinutes(9)),
                NOW.plus(Duration.ofHours(1))).build());
        clock.advance(Duration.ofMinutes(11));
        RevocationDecision released = check(checker, user);
        assertEquals(RevocationStatus.GOOD, released.status(), released.explanation());
        assertEquals("crl", released.decidedBy());
        assertTrue(released.allowed());
        assertEquals(0, ledger.size());
        assertEquals(0, RevokedLedger.inFolder(cacheDir, clock).size(), "the release is on disk too");
    }

    @Test
    void aHoldIsNotReleasedByACrlStatedBeforeIt() {
        CertificateToCheck user = onHold(7);
        RevokedLedger ledger = RevokedLedger.inMemory(clock);
        RevocationChecker checker = checker(ledger);
        assertEquals(RevocationStatus.REVOKED, check(checker, user).status());

        // a restarted source with nothing held, and an older CRL without the hold (still valid) replayed to it
        source.close();
        source = newSource();
        server.serve("/ca.crl", CrlBuilder.by(TestPki.ca()).number(6).validity(NOW.minus(Duration.ofHours(1)),
                NOW.plus(Duration.ofHours(1))).build());
        RevocationDecision replayed = check(checker(ledger), user);
        assertEquals(RevocationStatus.REVOKED, replayed.status(), replayed.explanation());
        assertEquals(RevokedLedger.KIND, replayed.decidedBy());
        assertFalse(replayed.allowed());
    }

    private CrlSource newSource() {
        return new CrlSource(new CrlOptions(Duration.ofSeconds(5), GracePeriod.NONE, List.of(), Optional.empty(),
                Duration.ofSeconds(60), 1 << 20), clock, counters);
    }

    /** A user whose distribution point serves CRL {@code number}, valid 10 minutes, listing it on certificateHold. */
    private CertificateToCheck onHold(long number) {
        CertificateToCheck user = TestPki.user(server.url("/ca.crl"));
        server.serve("/ca.crl", CrlBuilder.by(TestPki.ca()).number(number).validity(NOW.minusSeconds(60),
                NOW.plus(Duration.ofMinutes(10))).revoke(user.certificate().getSerialNumber(), NOW.minusSeconds(60),
                CRLReason.certificateHold).build());
        return user;
    }

    private RevocationChecker checker(RevokedLedger ledger) {
        return new RevocationChecker(List.of(source), RevocationMode.HARD_FAIL, RevocationScope.END_ENTITY, counters,
                ledger);
    }

    private static RevocationDecision check(RevocationChecker checker, CertificateToCheck user) {
        try {
            return TestPki.await(checker.check(List.of(user.certificate()), user.issuer()));
        } catch (Exception e) {
            throw new AssertionError("the check did not complete within 20 s", e);
        }
    }
}
