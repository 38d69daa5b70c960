package dev.pkinitkdc.revocation.crl;

import static dev.pkinitkdc.revocation.crl.TestPki.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkinitkdc.pkinit.labpki.CrlBuilder;
import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.GracePeriod;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.SourceAnswer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mirrored CRL files and folders, consulted first and polled for replacement. */
class CrlMirrorTest {
    private static final Instant NOW = Instant.now();

    @TempDir
    Path temp;

    private static CrlBuilder current(long number) {
        return CrlBuilder.by(TestPki.ca()).number(number).validity(NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1)));
    }

    private static void replace(Path file, byte[] bytes) throws Exception {
        Path next = file.resolveSibling("." + file.getFileName() + ".new");
        Files.write(next, bytes);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aFolderMirrorAnswersWithoutDistributionPointAndPicksUpAReplacedFile() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("mirror"));
        CertificateToCheck user = TestPki.user("http://127.0.0.1:1/never-used.crl");
        Path file = folder.resolve("issuing.crl");
        replace(file, current(1).build().getEncoded());
        RevocationCounters counters = new RevocationCounters();
        try (CrlSource source = new CrlSource(CrlSourceHttpTest.options(GracePeriod.NONE, Optional.empty(),
                List.of(folder)), Clock.systemUTC(), counters)) {
            SourceAnswer good = await(source.check(user, FetchPolicy.NETWORK));
            assertEquals(RevocationStatus.GOOD, good.status(), good.detail());
            assertEquals(file.toString(), good.location());

            replace(file, current(2).revoke(user.certificate().getSerialNumber(), NOW, CRLReason.keyCompromise)
                    .build().getEncoded());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    await(source.check(user, FetchPolicy.CACHED_ONLY)).status() == RevocationStatus.REVOKED);
            assertEquals(0, counters.crlDownloads.get(), "the mirror answered, the distribution point was not used");
        }
    }

    @Test
    void aPemFileMirrorAndItsRemoval() throws Exception {
        CertificateToCheck user = TestPki.user();
        Path file = temp.resolve("issuing.pem");
        String pem = "-----BEGIN X509 CRL-----\n" + Base64.getMimeEncoder().encodeToString(current(1)
                .revoke(user.certificate().getSerialNumber(), NOW, CRLReason.superseded).build().getEncoded())
                + "\n-----END X509 CRL-----\n";
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        try (CrlSource source = new CrlSource(CrlSourceHttpTest.options(GracePeriod.NONE, Optional.empty(),
                List.of(file)), Clock.systemUTC(), new RevocationCounters())) {
            SourceAnswer revoked = await(source.check(user, FetchPolicy.NETWORK));
            assertEquals(RevocationStatus.REVOKED, revoked.status(), revoked.detail());
            assertEquals("superseded", revoked.revoked().orElseThrow().reason());

            Files.delete(file);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    await(source.check(user, FetchPolicy.NETWORK)).status() == RevocationStatus.UNKNOWN);
        }
    }

    @Test
    void aMirroredDeltaUpdatesTheMirroredCompleteCrl() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("mirror"));
        CertificateToCheck user = TestPki.user();
        Files.write(folder.resolve("complete.crl"), current(20).build().getEncoded());
        Files.write(folder.resolve("delta.crl"), current(21).deltaOf(20)
                .revoke(user.certificate().getSerialNumber(), NOW, CRLReason.keyCompromise).build().getEncoded());
        try (CrlSource source = new CrlSource(CrlSourceHttpTest.options(GracePeriod.NONE, Optional.empty(),
                List.of(folder)), Clock.systemUTC(), new RevocationCounters())) {
            SourceAnswer revoked = await(source.check(user, FetchPolicy.NETWORK));
            assertEquals(RevocationStatus.REVOKED, revoked.status(), revoked.detail());
            assertEquals(folder.resolve("delta.crl").toString(), revoked.location());
        }
    }
}
