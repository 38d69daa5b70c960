package dev.pkinitkdc.revocation.crl;

import static dev.pkinitkdc.revocation.crl.TestPki.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.cert.CrlBuilder;
import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.GracePeriod;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.SourceAnswer;
import dev.pkinitkdc.revocation.testing.CrlServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CRL whose thisUpdate is in the future (beyond the 5 minutes of clock skew allowed for OCSP too) is refused
 * from every origin: download, disk cache, mirror. (A CRL "from the future" is a CA clock error or a CRL made to
 * outlive a revocation; RFC 5280 5.1.2.4.)
 */
class CrlThisUpdateTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path temp;
    private CrlServer server;
    private final List<CrlSource> sources = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new CrlServer();
    }

    @AfterEach
    void stop() {
        sources.forEach(CrlSource::close);
        server.close();
    }

    private CrlSource source(Optional<Path> cacheDir, List<Path> mirrors) {
        CrlSource source = new CrlSource(CrlSourceHttpTest.options(GracePeriod.NONE, cacheDir, mirrors),
                Clock.systemUTC(), new RevocationCounters());
        sources.add(source);
        return source;
    }

    private static CrlBuilder issuedAt(Instant thisUpdate) {
        return CrlBuilder.by(TestPki.ca()).number(1).validity(thisUpdate, thisUpdate.plus(Duration.ofDays(1)));
    }

    private static void assertRefused(SourceAnswer answer) {
        assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
    }

    @Test
    void aDownloadedCrlFromTheFutureIsRefusedAndOneWithinTheSkewAccepted() throws Exception {
        server.serve("/future.crl", issuedAt(NOW.plus(Duration.ofHours(1))).build());
        server.serve("/skewed.crl", issuedAt(NOW.plus(Duration.ofMinutes(1))).build());
        CrlSource source = source(Optional.empty(), List.of());

        SourceAnswer future = await(source.check(TestPki.user(server.url("/future.crl")), FetchPolicy.NETWORK));
        assertRefused(future);
        assertTrue(future.detail().contains("in the future"), future.detail());
        SourceAnswer skewed = await(source.check(TestPki.user(server.url("/skewed.crl")), FetchPolicy.NETWORK));
        assertEquals(RevocationStatus.GOOD, skewed.status(), skewed.detail());
    }

    @Test
    void aDiskCacheCopyFromTheFutureIsRefused() throws Exception {
        String url = "http://127.0.0.1:1/ca.crl"; // nothing listens: the disk copy is all there is
        Path cache = temp.resolve("cache");
        new CrlDiskCache(cache).store(url, issuedAt(NOW.plus(Duration.ofHours(1))).build().getEncoded());

        assertRefused(await(source(Optional.of(cache), List.of()).check(TestPki.user(url), FetchPolicy.NETWORK)));
    }

    @Test
    void aMirroredCrlFromTheFutureIsRefused() throws Exception {
        Path mirror = temp.resolve("ca.crl");
        Files.write(mirror, issuedAt(NOW.plus(Duration.ofHours(1))).build().getEncoded());

        SourceAnswer answer = await(source(Optional.empty(), List.of(mirror)).check(TestPki.user(),
                FetchPolicy.NETWORK));
        assertRefused(answer);
        assertTrue(answer.detail().contains("in the future"), answer.detail());
    }
}
