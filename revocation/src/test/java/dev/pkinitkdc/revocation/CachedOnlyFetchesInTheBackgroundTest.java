package dev.pkinitkdc.revocation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import dev.pkinitkdc.pkinit.labpki.CrlBuilder;
import dev.pkinitkdc.revocation.crl.CrlOptions;
import dev.pkinitkdc.revocation.crl.CrlSource;
import dev.pkinitkdc.revocation.ocsp.OcspOptions;
import dev.pkinitkdc.revocation.ocsp.OcspSource;
import dev.pkinitkdc.revocation.testing.CrlServer;
import dev.pkinitkdc.revocation.testing.OpensslIndex;
import dev.pkinitkdc.revocation.testing.OpensslOcspResponder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code mode = cached_only} is "never block a logon on a fetch", not "never fetch" (issue 21): the lab's set-up
 * (OCSP then CRL, no disk cache) with the lab user {@code revoked}. The first logon finds nothing cached and is
 * allowed, at WARN; the fetch it started lands in the background and from then on the user is refused (72).
 */
class CachedOnlyFetchesInTheBackgroundTest {
    @Test
    void theFirstCheckIsAllowedAtWarnAndOnceTheBackgroundFetchLandsTheRevokedUserIsRefused() throws Exception {
        OpensslOcspResponder.requireInstalled();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CertifiedKey ca = CertificateBuilder.withNewKey("CN=Lab Issuing CA,DC=lab,DC=example").ca(0).selfSigned();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger checkerLog = (Logger) LoggerFactory.getLogger(RevocationChecker.class);
        log.start();
        checkerLog.addAppender(log);
        try (OpensslOcspResponder responder = new OpensslOcspResponder(); CrlServer cdp = new CrlServer()) {
            CertifiedKey revoked = CertificateBuilder.withNewKey("CN=revoked,DC=lab,DC=example")
                    .ocspUrl(responder.url().toString()).crlDistributionPoint(cdp.url("/issuing.crl")).issuedBy(ca);
            responder.start(ca, ca, new OpensslIndex().revoked(revoked.certificate(), now.minusSeconds(3600),
                    OpensslIndex.KEY_COMPROMISE), Duration.ofMinutes(10));
            cdp.serve("/issuing.crl", CrlBuilder.by(ca).number(1).validity(now.minusSeconds(60),
                    now.plus(Duration.ofHours(1))).revoke(revoked.certificate().getSerialNumber(),
                    now.minusSeconds(3600), CRLReason.keyCompromise).build());
            RevocationCounters counters = new RevocationCounters();
            try (OcspSource ocsp = new OcspSource(new OcspOptions(Optional.empty(), Duration.ofSeconds(5),
                    GracePeriod.NONE, false), Clock.systemUTC(), counters);
                 CrlSource crl = new CrlSource(new CrlOptions(Duration.ofSeconds(10), GracePeriod.NONE, List.of(),
                         Optional.empty(), Duration.ofSeconds(60), 1 << 20), Clock.systemUTC(), counters)) {
                RevocationChecker checker = new RevocationChecker(List.of(ocsp, crl), RevocationMode.CACHED_ONLY,
                        RevocationScope.CHAIN, counters);

                RevocationDecision first = checker.check(List.of(revoked.certificate()), ca.certificate())
                        .get(1, TimeUnit.SECONDS);
                assertTrue(first.allowed(), "nothing cached yet: the documented fallback");
                assertEquals("mode=cached_only", first.decidedBy());
                assertTrue(log.list.stream().anyMatch(e -> e.getLevel() == Level.WARN
                        && e.getFormattedMessage().startsWith("revocation cached-only: allowing although")),
                        log.list.toString());

                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                        checker.check(List.of(revoked.certificate()), ca.certificate()).get(1, TimeUnit.SECONDS)
                                .status() == RevocationStatus.REVOKED);
                RevocationDecision later = checker.check(List.of(revoked.certificate()), ca.certificate())
                        .get(1, TimeUnit.SECONDS);
                assertFalse(later.allowed(), later.explanation());
                assertTrue(later.explanation().contains("revoked (keyCompromise)"), later.explanation());
            }
        } finally {
            checkerLog.detachAppender(log);
        }
    }
}
