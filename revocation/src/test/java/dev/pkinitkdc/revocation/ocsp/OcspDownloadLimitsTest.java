package dev.pkinitkdc.revocation.ocsp;

import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.answer;
import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.drip;
import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.huge;
import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.redirect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.GracePeriod;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.SourceAnswer;
import dev.pkinitkdc.revocation.testing.MisbehavingHttpServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OcspSource against responders that misbehave (MisbehavingHttpServer on 127.0.0.1), no openssl needed. */
class OcspDownloadLimitsTest {
    private static CertifiedKey ca;
    private static CertificateToCheck alice;

    private final RevocationCounters counters = new RevocationCounters();

    @BeforeAll
    static void pki() {
        ca = CertificateBuilder.withNewKey("CN=OCSP Limits CA,O=pkinit-kdc tests").ca(0).selfSigned();
        alice = new CertificateToCheck(CertificateBuilder.withNewKey("CN=alice").issuedBy(ca).certificate(),
                ca.certificate());
    }

    private SourceAnswer check(URI responder, Duration timeout) throws Exception {
        try (OcspSource source = new OcspSource(new OcspOptions(Optional.of(responder), timeout, GracePeriod.NONE,
                false), Clock.systemUTC(), counters)) {
            return source.check(alice, FetchPolicy.NETWORK).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTwoHundredMegabyteResponseIsCutAtOneMebibyte() throws Exception {
        try (MisbehavingHttpServer responder = new MisbehavingHttpServer(huge(200L << 20, false))) {
            SourceAnswer answer = check(responder.url("/ocsp"), Duration.ofSeconds(20));
            assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
            assertTrue(answer.detail().contains("more than " + OcspSource.MAX_RESPONSE_BYTES + " bytes"),
                    answer.detail());
            responder.awaitClosedByClient(1);
            assertTrue(responder.bytesSent() < 50L << 20, "sent " + responder.bytesSent());
        }
    }

    @Test
    void aDrippingResponderIsCutAtTheTimeout() throws Exception {
        try (MisbehavingHttpServer responder = new MisbehavingHttpServer(drip(200, 1000, Duration.ofMillis(100)))) {
            SourceAnswer answer = check(responder.url("/ocsp"), Duration.ofSeconds(1));
            assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
            assertTrue(answer.detail().contains("timed out after 1000 ms"), answer.detail());
            responder.awaitClosedByClient(1);
        }
    }

    @Test
    void aRedirectToAnotherOriginWithAGoodResponseIsNotFollowed() throws Exception {
        byte[] good = TestOcspResponse.about(alice, ca).encoded();
        try (MisbehavingHttpServer elsewhere = new MisbehavingHttpServer(answer(200, good));
             MisbehavingHttpServer responder = new MisbehavingHttpServer(redirect(307,
                     elsewhere.url("/ocsp").toString()))) {
            SourceAnswer answer = check(responder.url("/ocsp"), Duration.ofSeconds(10));
            assertEquals(RevocationStatus.UNAVAILABLE, answer.status(), answer.detail());
            assertTrue(answer.detail().contains("HTTP 307 redirect to " + elsewhere.url("/ocsp") + " not followed"),
                    answer.detail());
            assertEquals(0, elsewhere.accepted());
            assertEquals(RevocationStatus.GOOD, check(elsewhere.url("/ocsp"), Duration.ofSeconds(10)).status(),
                    "the response there is good when asked directly");
        }
    }
}
