package dev.pkinitkdc.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pkinitkdc.kdc.support.directory.DirectoryUrlFile;
import dev.pkinitkdc.kdc.tool.labpki.LabLayout;
import dev.pkinitkdc.kdc.tool.labpki.LabOids;
import dev.pkinitkdc.kdc.tool.labpki.LabPki;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import dev.pkinitkdc.pkinit.labpki.CrlBuilder;
import dev.pkinitkdc.revocation.testing.CrlServer;
import dev.pkinitkdc.revocation.testing.LoopbackPorts;
import dev.pkinitkdc.revocation.testing.OpensslIndex;
import dev.pkinitkdc.revocation.testing.OpensslOcspResponder;
import dev.pkinitkdc.revocation.testing.SilentServer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation sources outside the lab, each a real server on loopback, with real MIT kinit: an independent OCSP
 * responder ({@code openssl ocsp}), CRLs over HTTP from a server in the test and over LDAP from the KDC's own
 * directory, CRL mirrors; caches, grace and background refresh; and a responder that accepts and never answers.
 * Every certificate names alice by UPN with her SID, issued by the lab CA with the revocation pointers under test.
 */
class MitKinitRevocationSourcesTest {
    /** The revocation module's loggers, which are package-private classes: their lines are what operators read. */
    private static final String CRL_CACHE = "dev.pkinitkdc.revocation.crl.CrlCache";
    private static final String CRL_ANSWERS = "dev.pkinitkdc.revocation.crl.CrlAnswers";
    private static final String OCSP_CLIENT = "dev.pkinitkdc.revocation.ocsp.OcspClient";
    private static final Instant NOW = Instant.now();

    @TempDir
    Path dir;

    /** Replaces the body of the lab's [revocation] section, up to the next section, with {@code lines}. */
    private static UnaryOperator<String> revocation(String... lines) {
        return conf -> conf.replaceFirst("(?s)\\[revocation\\]\\n.*?(?=\\n\\[|\\z)",
                "[revocation]\n" + String.join("\n", lines) + "\n");
    }

    private static CertifiedKey issuingCa(Path labDir) throws Exception {
        return LabPki.load(new LabLayout(labDir)).issuing();
    }

    /** alice's smart card logon certificate, without revocation pointers yet. */
    private static CertificateBuilder logonCertificate(LabKdc kdc) throws Exception {
        return LabCertificates.alice(LabCertificates.aliceSid(kdc))
                .extendedKeyUsages(LabOids.MS_SMART_CARD_LOGON, KeyPurposeId.id_kp_clientAuth);
    }

    private String alice(LabKdc kdc, String name, UnaryOperator<CertificateBuilder> pointers) throws Exception {
        CertificateBuilder builder = pointers.apply(logonCertificate(kdc));
        return LabCertificates.identity(dir, name, builder.issuedBy(issuingCa(kdc.lab.dir())));
    }

    private MitKinit.Result kinit(LabKdc kdc, String identity, String label) throws Exception {
        return MitKinit.run(kdc.lab.krb5Conf(), dir, label, identity, "alice");
    }

    private static void assertLogsOn(MitKinit.Result r) {
        assertEquals(0, r.exitCode(), r::toString);
    }

    private static void assertRefused(int code, MitKinit.Result r) {
        assertNotEquals(0, r.exitCode(), r::toString);
        assertTrue(r.kdcErrors().contains(code), r::toString);
    }

    private static String revocation(JsonNode record, String field) {
        return record.path("revocation").path(field).asText();
    }

    private static X509CRL crl(CertifiedKey ca, long number, Instant thisUpdate, Instant nextUpdate,
                               BigInteger... revoked) {
        CrlBuilder builder = CrlBuilder.by(ca).number(number).validity(thisUpdate, nextUpdate);
        for (BigInteger serial : revoked) {
            builder.revoke(serial, NOW.minus(Duration.ofDays(1)), CRLReason.keyCompromise);
        }
        return builder.build();
    }

    @Test
    void anIndependentOcspResponderDecidesRevokedWith72AndGoodWithATicket() throws Exception {
        try (OpensslOcspResponder responder = new OpensslOcspResponder();
             AuditFile audit = new AuditFile(dir.resolve("lab"));
             LabKdc kdc = LabKdc.start(dir.resolve("lab"))) {
            CertifiedKey ca = issuingCa(kdc.lab.dir());
            CertifiedKey good = logonCertificate(kdc).ocspUrl(responder.url().toString()).issuedBy(ca);
            CertifiedKey revoked = logonCertificate(kdc).ocspUrl(responder.url().toString()).issuedBy(ca);
            responder.start(ca, ca, new OpensslIndex().valid(good.certificate())
                    .revoked(revoked.certificate(), NOW.minus(Duration.ofDays(1)), OpensslIndex.KEY_COMPROMISE),
                    Duration.ofMinutes(10));

            assertRefused(72, kinit(kdc, LabCertificates.identity(dir, "ocsp-revoked", revoked), "ocsp-revoked"));
            JsonNode refused = audit.lastWithRevocation();
            assertEquals("revoked", revocation(refused, "status"), refused::toString);
            assertEquals("ocsp", revocation(refused, "decided_by"), refused::toString);
            assertEquals("ocsp", revocation(refused, "source"), refused::toString);
            assertEquals(responder.url().toString(), revocation(refused, "location"), refused::toString);

            assertLogsOn(kinit(kdc, LabCertificates.identity(dir, "ocsp-good", good), "ocsp-good"));
            JsonNode allowed = audit.lastWithRevocation();
            assertEquals("good", revocation(allowed, "status"), allowed::toString);
            assertEquals("ocsp", revocation(allowed, "decided_by"), allowed::toString);
        }
    }

    /** RFC 6960 4.2.2.2.1 end to end: the KDC asks the responder certificate's own CDP, which lists it. */
    @Test
    void aDelegatedResponderRevokedOnItsOwnCdpIsNotBelievedAndTheLogonIsRefused74() throws Exception {
        try (OpensslOcspResponder responder = new OpensslOcspResponder();
             CrlServer cdp = new CrlServer();
             AuditFile audit = new AuditFile(dir.resolve("lab"));
             LabKdc kdc = LabKdc.start(dir.resolve("lab"))) {
            CertifiedKey ca = issuingCa(kdc.lab.dir());
            CertifiedKey delegated = CertificateBuilder.withNewKey("CN=revoked lab responder")
                    .extendedKeyUsages(KeyPurposeId.id_kp_OCSPSigning).crlDistributionPoint(cdp.url("/issuing.crl"))
                    .issuedBy(ca);
            cdp.serve("/issuing.crl", crl(ca, 1, NOW.minusSeconds(60), NOW.plus(Duration.ofHours(2)),
                    delegated.certificate().getSerialNumber()));
            CertifiedKey user = logonCertificate(kdc).ocspUrl(responder.url().toString()).issuedBy(ca);
            responder.start(ca, delegated, new OpensslIndex().valid(user.certificate()), Duration.ofMinutes(10));

            assertRefused(74, kinit(kdc, LabCertificates.identity(dir, "delegated", user), "delegated"));
            JsonNode refused = audit.lastWithRevocation();
            assertEquals("unavailable", revocation(refused, "status"), refused::toString);
            assertTrue(refused.toString().contains("CN=revoked lab responder whose certificate is revoked"),
                    refused::toString);
            assertEquals(1, cdp.requests("/issuing.crl"));
        }
    }

    @Test
    void aCrlPublishedInTheDirectoryIsReadOverLdap() throws Exception {
        Path labDir = dir.resolve("lab");
        try (LabKdc first = LabKdc.start(labDir)) {
            // makes the lab PKI, whose issuing CA signs the CRL the directory will hold
        }
        BigInteger serial = new BigInteger(64, new java.security.SecureRandom()).setBit(63);
        X509CRL crl = crl(issuingCa(labDir), 1, NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1)), serial);
        String base = "CN=Public Key Services,CN=Services,CN=Configuration,DC=lab,DC=example";
        String ldif = "dn: CN=CDP," + base + "\nobjectClass: top\nobjectClass: container\ncn: CDP\n\n"
                + "dn: CN=LabIssuingCA,CN=CDP," + base + "\nobjectClass: top\nobjectClass: cRLDistributionPoint\n"
                + "cn: LabIssuingCA\ncertificateRevocationList;binary:: "
                + Base64.getEncoder().encodeToString(crl.getEncoded()) + "\n\n";
        try (AuditFile audit = new AuditFile(dir.resolve("lab"));
             LabKdc kdc = LabKdc.start(labDir, ldif, revocation("order = crl"))) {
            String directory = DirectoryUrlFile.read(kdc.conf).orElseThrow().toString().replaceAll("/$", "");
            String cdp = directory + "/CN=LabIssuingCA,CN=CDP," + base + "?certificateRevocationList;binary";
            String revoked = alice(kdc, "ldap-revoked", b -> b.serial(serial).crlDistributionPoint(cdp));
            assertRefused(72, kinit(kdc, revoked, "ldap-revoked"));
            JsonNode line = audit.lastWithRevocation();
            assertEquals("crl", revocation(line, "decided_by"), line::toString);
            assertEquals("crl", revocation(line, "source"), line::toString);
            assertEquals(cdp, revocation(line, "location"), line::toString);
            assertLogsOn(kinit(kdc, alice(kdc, "ldap-good", b -> b.crlDistributionPoint(cdp)), "ldap-good"));
        }
    }

    @Test
    void withTheResponderDownAFreshCachedCrlDecidesEvenAfterARestartDuringTheOutage() throws Exception {
        Path labDir = dir.resolve("lab");
        String identity;
        try (CrlServer cdp = new CrlServer();
             AuditFile audit = new AuditFile(dir.resolve("lab"));
             LabKdc kdc = LabKdc.start(labDir)) {
            cdp.serve("/issuing.crl", crl(issuingCa(labDir), 1, NOW.minusSeconds(60), NOW.plus(Duration.ofHours(2))));
            String deadResponder = "http://127.0.0.1:" + LoopbackPorts.free() + "/";
            identity = alice(kdc, "cached", b -> b.ocspUrl(deadResponder)
                    .crlDistributionPoint(cdp.url("/issuing.crl")));
            assertLogsOn(kinit(kdc, identity, "cached-first"));
            assertEquals("crl", revocation(audit.lastWithRevocation(), "decided_by"), audit.records()::toString);
            cdp.close();
            assertLogsOn(kinit(kdc, identity, "cached-memory"));
        }
        try (LogCapture cache = new LogCapture(CRL_CACHE);
             LabKdc restarted = LabKdc.start(labDir)) {
            assertLogsOn(kinit(restarted, identity, "cached-disk"));
            assertTrue(cache.contains("read from the disk cache"), cache.lines().toString());
        }
    }

    @Test
    void anExpiredCrlDecidesWithinGraceAndBeyondItHardFailRefusesWhileSoftFailAllows() throws Exception {
        Path labDir = dir.resolve("lab");
        try (CrlServer cdp = new CrlServer()) {
            String identity;
            try (LogCapture grace = new LogCapture(CRL_ANSWERS);
                 AuditFile audit = new AuditFile(dir.resolve("lab"));
                 LabKdc kdc = LabKdc.start(labDir, "", revocation("crl_grace = 2h"))) {
                cdp.serve("/stale.crl", crl(issuingCa(labDir), 1, NOW.minus(Duration.ofHours(3)),
                        NOW.minus(Duration.ofHours(1))));
                identity = alice(kdc, "stale", b -> b.crlDistributionPoint(cdp.url("/stale.crl")));
                assertLogsOn(kinit(kdc, identity, "within-grace"));
                assertTrue(grace.contains("used within grace of 2 h"), grace.lines().toString());
                JsonNode line = audit.lastWithRevocation();
                assertEquals("grace", revocation(line, "decided_by"), line::toString);
                assertTrue(line.path("revocation").path("grace").asBoolean(), line::toString);
            }
            try (LabKdc kdc = LabKdc.start(labDir, "", revocation("crl_grace = 0h"))) {
                assertRefused(73, kinit(kdc, identity, "beyond-grace-served"));   // the CDP answers, but stale
            }
            try (LabKdc kdc = LabKdc.start(labDir, "", revocation("mode = soft_fail"))) {
                assertLogsOn(kinit(kdc, identity, "beyond-grace-soft"));
            }
            cdp.close();
            try (LabKdc kdc = LabKdc.start(labDir, "", revocation("crl_grace = 0h"))) {
                assertRefused(74, kinit(kdc, identity, "beyond-grace-down"));      // nothing current to fetch
            }
        }
    }

    @Test
    void aCrlReplacedAtTheDistributionPointIsPickedUpInTheBackground() throws Exception {
        Path labDir = dir.resolve("lab");
        try (CrlServer cdp = new CrlServer();
             LabKdc kdc = LabKdc.start(labDir, "", revocation("order = crl"))) {
            CertifiedKey ca = issuingCa(labDir);
            BigInteger serial = BigInteger.valueOf(0x5eed0001L);
            cdp.serve("/short.crl", crl(ca, 1, NOW.minusSeconds(1), Instant.now().plusSeconds(10)));
            String identity = alice(kdc, "replaced-cdp", b -> b.serial(serial)
                    .crlDistributionPoint(cdp.url("/short.crl")));
            assertLogsOn(kinit(kdc, identity, "before-replacement"));
            int downloads = cdp.requests("/short.crl");
            cdp.serve("/short.crl", crl(ca, 2, Instant.now(), Instant.now().plus(Duration.ofHours(1)), serial));
            await("the KDC refreshes the CRL by itself").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).until(() -> cdp.requests("/short.crl") > downloads);
            await("the replacement decides").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> kinit(kdc, identity, "after-replacement").kdcErrors().contains(72));
        }
    }

    @Test
    void aCrlReplacedOnTheMirrorIsPickedUpWithoutARestart() throws Exception {
        Path labDir = dir.resolve("lab");
        Path mirror = labDir.resolve("mirror");
        try (LabKdc first = LabKdc.start(labDir)) {
            // makes the lab PKI
        }
        CertifiedKey ca = issuingCa(labDir);
        Files.createDirectories(mirror);
        Files.write(mirror.resolve("issuing.crl"), crl(ca, 1, NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1)))
                .getEncoded());
        try (LabKdc kdc = LabKdc.start(labDir, "", revocation("order = crl", "crl_mirror = mirror",
                "crl_mirror_poll = 1s"))) {
            BigInteger serial = BigInteger.valueOf(0x5eed0002L);
            String identity = alice(kdc, "mirrored", b -> b.serial(serial));   // no CDP: only the mirror knows
            assertLogsOn(kinit(kdc, identity, "mirror-before"));
            Path next = mirror.resolve("issuing.crl.new");
            Files.write(next, crl(ca, 2, Instant.now(), Instant.now().plus(Duration.ofHours(1)), serial).getEncoded());
            Files.move(next, mirror.resolve("issuing.crl"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            await("the mirror's replacement decides").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> kinit(kdc, identity, "mirror-after").kdcErrors().contains(72));
        }
    }

    /** alice with {@code silent} as OCSP responder and {@code cdp}, serving the current CRL, as distribution point. */
    private String stuckAlice(LabKdc kdc, SilentServer silent, CrlServer cdp) throws Exception {
        cdp.serve("/issuing.crl", crl(issuingCa(kdc.lab.dir()), 1, NOW.minusSeconds(60),
                NOW.plus(Duration.ofHours(1))));
        return alice(kdc, "stuck", b -> b.ocspUrl(silent.url().toString())
                .crlDistributionPoint(cdp.url("/issuing.crl")));
    }

    /** The timeout fires: OCSP gives up with the configured timeout in its message, and the CRL decides. */
    @Test
    void aResponderThatNeverAnswersCostsTheTimeoutAndTheCrlDecides() throws Exception {
        try (SilentServer silent = new SilentServer();
             CrlServer cdp = new CrlServer();
             LogCapture ocsp = new LogCapture(OCSP_CLIENT);
             AuditFile audit = new AuditFile(dir.resolve("lab"));
             LabKdc kdc = LabKdc.start(dir.resolve("lab"), "", revocation("ocsp_timeout = 2s"))) {
            assertLogsOn(kinit(kdc, stuckAlice(kdc, silent, cdp), "stuck"));
            assertTrue(silent.accepted() > 0, "the KDC never asked the silent responder");
            assertTrue(ocsp.contains("timed out after 2000 ms"), ocsp.lines().toString());
            JsonNode line = audit.lastWithRevocation();
            assertEquals("crl", revocation(line, "decided_by"), line::toString);
        }
    }

    /**
     * While one logon waits on a responder that never answers, another logs on: ordered by events, not by a race
     * against the OCSP timeout. The timeout is far longer than the test (10 min), so the first logon is still
     * waiting when the second has its ticket, whatever the load; then the test ends the wait itself by closing the
     * responder's connections, and the first logon, its OCSP fetch failed, is decided by the CRL.
     */
    @Test
    void aResponderThatNeverAnswersDoesNotHoldUpOthers() throws Exception {
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (SilentServer silent = new SilentServer();
             CrlServer cdp = new CrlServer();
             LabKdc kdc = LabKdc.start(dir.resolve("lab"), "", revocation("ocsp_timeout = 10m"))) {
            String stuck = stuckAlice(kdc, silent, cdp);
            String other = alice(kdc, "other", b -> b.crlDistributionPoint(cdp.url("/issuing.crl")));
            CompletableFuture<MitKinit.Result> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return kinit(kdc, stuck, "stuck");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, background);
            await("the KDC asks the silent responder").atMost(Duration.ofSeconds(30))
                    .until(() -> silent.accepted() > 0);

            assertLogsOn(kinit(kdc, other, "other"));
            assertFalse(waiting.isDone(), "the first logon ended before its responder was released: "
                    + (waiting.isDone() ? waiting.join() : ""));

            silent.close();   // the KDC's OCSP fetch fails now, long before its timeout
            assertLogsOn(waiting.get(60, TimeUnit.SECONDS));   // the CRL decided once OCSP failed
        } finally {
            background.shutdownNow();
        }
    }
}
