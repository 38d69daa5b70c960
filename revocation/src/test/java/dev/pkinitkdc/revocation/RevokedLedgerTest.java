package dev.pkinitkdc.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import dev.pkinitkdc.revocation.testing.MutableClock;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger's own rules: its key, its bound, its file (value fixtures; the sources' side is in the Sticky tests). */
class RevokedLedgerTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static CertifiedKey ca;
    private static CertifiedKey sameNameOtherKey;

    @TempDir
    Path folder;
    private final MutableClock clock = new MutableClock(NOW);

    @BeforeAll
    static void pki() {
        ca = CertificateBuilder.withNewKey("CN=Issuing CA").ca(0).selfSigned();
        sameNameOtherKey = CertificateBuilder.withNewKey("CN=Issuing CA").ca(0).selfSigned();
    }

    private static CertificateToCheck user(CertifiedKey issuer, long serial) {
        return new CertificateToCheck(CertificateBuilder.withKey("CN=user " + serial, ca.keyPair())
                .serial(BigInteger.valueOf(serial)).issuedBy(issuer).certificate(), issuer.certificate());
    }

    private static CertificateRevocation said(CertificateToCheck c, RevocationStatus status, Instant thisUpdate,
                                              String reason) {
        SourceAnswer answer = new SourceAnswer("crl", "http://127.0.0.1:1/ca.crl", status, Optional.of(thisUpdate),
                Optional.of(thisUpdate.plusSeconds(3600)), false, status == RevocationStatus.REVOKED
                ? Optional.of(new RevokedEntry(thisUpdate.minusSeconds(60), reason)) : Optional.empty(), "test");
        return CertificateRevocation.of(c.certificate(), List.of(answer));
    }

    @Test
    void aCaWithTheSameNameButAnotherKeyIsAnotherAuthority() {
        RevokedLedger ledger = RevokedLedger.inMemory(clock);
        CertificateToCheck revoked = user(ca, 5);
        CertificateToCheck namesake = user(sameNameOtherKey, 5);
        ledger.apply(revoked, said(revoked, RevocationStatus.REVOKED, NOW, "keyCompromise"));

        assertEquals(RevocationStatus.GOOD, ledger.apply(namesake, said(namesake, RevocationStatus.GOOD,
                NOW.plusSeconds(10), null)).status(), "not revoked by a namesake's statement");
        assertEquals(RevocationStatus.REVOKED, ledger.apply(revoked, said(revoked, RevocationStatus.GOOD,
                NOW.plusSeconds(10), null)).status());
    }

    @Test
    void aHoldTurnedKeyCompromiseIsPermanentAndAGoodStatedAtTheSameTimeReleasesNothing() {
        RevokedLedger ledger = RevokedLedger.inMemory(clock);
        CertificateToCheck held = user(ca, 6);
        ledger.apply(held, said(held, RevocationStatus.REVOKED, NOW, "certificateHold"));
        assertEquals(RevocationStatus.REVOKED, ledger.apply(held, said(held, RevocationStatus.GOOD, NOW, null))
                .status(), "a GOOD must be stated after the hold");
        ledger.apply(held, said(held, RevocationStatus.REVOKED, NOW.plusSeconds(60), "keyCompromise"));
        assertTrue(ledger.permanent(held).isPresent());
        assertEquals(RevocationStatus.REVOKED, ledger.apply(held, said(held, RevocationStatus.GOOD,
                NOW.plus(Duration.ofDays(1)), null)).status());
    }

    @Test
    void boundedExpiredCertificatesGoFirstThenTheOldestRecorded() {
        RevokedLedger ledger = RevokedLedger.inFolder(folder, clock, 3);
        CertificateToCheck expired = new CertificateToCheck(CertificateBuilder.withKey("CN=old", ca.keyPair())
                .serial(BigInteger.valueOf(100)).validity(NOW.minus(Duration.ofDays(30)), NOW.plusSeconds(60))
                .issuedBy(ca).certificate(), ca.certificate());
        CertificateToCheck first = user(ca, 101);
        CertificateToCheck second = user(ca, 102);
        for (CertificateToCheck c : List.of(first, expired, second)) {
            ledger.apply(c, said(c, RevocationStatus.REVOKED, NOW, "keyCompromise"));
        }
        clock.advance(Duration.ofMinutes(5));   // the "old" certificate has expired

        CertificateToCheck third = user(ca, 103);
        ledger.apply(third, said(third, RevocationStatus.REVOKED, NOW, "superseded"));
        assertEquals(3, ledger.size());
        assertTrue(ledger.permanent(first).isPresent(), "the expired certificate's entry went instead");

        CertificateToCheck fourth = user(ca, 104);
        ledger.apply(fourth, said(fourth, RevocationStatus.REVOKED, NOW, "superseded"));
        assertEquals(3, ledger.size());
        assertTrue(ledger.permanent(first).isEmpty(), "then the oldest recorded");
        assertEquals(3, RevokedLedger.inFolder(folder, clock, 3).size());
    }

    @Test
    void theFileSkipsUnreadableLinesAndAFileTooBigToBeALedgerStopsTheStart() throws Exception {
        RevokedLedger ledger = RevokedLedger.inFolder(folder, clock);
        CertificateToCheck revoked = user(ca, 7);
        ledger.apply(revoked, said(revoked, RevocationStatus.REVOKED, NOW, "keyCompromise"));
        Path file = folder.resolve("revoked-ledger.txt");
        Files.writeString(file, Files.readString(file) + "not a ledger line\nab cd\n", StandardCharsets.UTF_8);

        RevokedLedger reread = RevokedLedger.inFolder(folder, clock);
        assertEquals(1, reread.size());
        RememberedRevocation kept = reread.permanent(revoked).orElseThrow();
        assertEquals(new RevokedEntry(NOW.minusSeconds(60), "keyCompromise"), kept.revoked());
        assertEquals(NOW, kept.statedAt());
        assertEquals("http://127.0.0.1:1/ca.crl", kept.location());

        Files.write(file, new byte[2 * 1024 * 2]);   // more than 1 KiB a line for 1 entry
        UncheckedIOException refused = assertThrows(UncheckedIOException.class,
                () -> RevokedLedger.inFolder(folder, clock, 1));
        assertTrue(refused.getMessage().contains("revoked-ledger.txt"), refused.getMessage());
    }
}
