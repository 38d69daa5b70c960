package dev.pkinitkdc.kdc.stage.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.ValidatedCertificate;
import dev.pkinitkdc.kdc.tool.labpki.LabOids;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.cert.KeyPairs;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Path building through AIA caIssuers, against a real HTTP server on loopback that counts what reaches it. The
 * client certificate, and so each URL, is the attacker's: only allowed hosts, http(s), two URLs per request,
 * 64 KiB and the timeout per download.
 */
class CaIssuersFetcherTest {
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private HttpServer server;
    private ExecutorService serverThreads;
    private final AtomicInteger hits = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private CertifiedKey root;
    private CertifiedKey issuing;

    @BeforeEach
    void start() throws Exception {
        root = CertificateBuilder.withNewKey("CN=AIA Root").ca(null).selfSigned();
        issuing = CertificateBuilder.withNewKey("CN=AIA Issuing").ca(0).issuedBy(root);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serve("/issuing.cer", issuing.certificate().getEncoded());
        server.createContext("/silent.cer", exchange -> {
            hits.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);   // accepts, never answers within the client's timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void serve(String path, byte[] body) {
        server.createContext(path, exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    private String url(String host, String path) {
        return "http://" + host + ":" + server.getAddress().getPort() + path;
    }

    private static Extension caIssuers(String... urls) throws IOException {
        AccessDescription[] descriptions = new AccessDescription[urls.length];
        for (int i = 0; i < urls.length; i++) {
            descriptions[i] = new AccessDescription(AccessDescription.id_ad_caIssuers,
                    new GeneralName(GeneralName.uniformResourceIdentifier, urls[i]));
        }
        return new Extension(Extension.authorityInfoAccess, false,
                new AuthorityInformationAccess(descriptions).getEncoded());
    }

    private CertifiedKey userWithCaIssuers(String... urls) throws Exception {
        return userIssuedBy(issuing, urls);
    }

    private static CertifiedKey userIssuedBy(CertifiedKey issuer, String... urls) throws Exception {
        return CertificateBuilder.withNewKey("CN=user").extendedKeyUsages(LabOids.MS_SMART_CARD_LOGON)
                .keyUsage(KeyUsage.digitalSignature).extension(caIssuers(urls)).issuedBy(issuer);
    }

    private CertificatePathValidator validator(boolean fetch) {
        return validator(fetch ? Optional.of(fetcher()) : Optional.empty());
    }

    private CaIssuersFetcher fetcher() {
        return new CaIssuersFetcher(TIMEOUT, List.of("127.0.0.1"), Clock.systemUTC());
    }

    private CertificatePathValidator validator(Optional<CaIssuersFetcher> fetcher) {
        return new CertificatePathValidator(List.of(root.certificate()), List.of(), new KeyPurposePolicy(),
                new SignatureDigestPolicy(false), new CaAllowList(List.of()), fetcher, PathLimits.defaults(),
                Clock.systemUTC());
    }

    private static void cannotVerify(CertificatePathValidator v, X509Certificate cert) {
        KdcFailure f = assertThrows(KdcFailure.class, () -> v.validate(cert, List.of()));
        assertEquals(FailureReason.CANT_VERIFY_CERTIFICATE, f.reason(), f.text());
    }

    @Test
    void aMissingIntermediateIsFetchedOnceAndCached() throws Exception {
        CertifiedKey user = userWithCaIssuers(url("127.0.0.1", "/issuing.cer"));
        cannotVerify(validator(false), user.certificate());
        CertificatePathValidator fetching = validator(true);
        assertEquals(2, fetching.validate(user.certificate(), List.of()).path().size());
        fetching.validate(user.certificate(), List.of());
        assertEquals(1, hits.get(), "the second logon uses the cached issuer");
    }

    @Test
    @Timeout(30)
    void aServerThatNeverAnswersCostsTheTimeoutAndTheCertificateCannotBeVerified() throws Exception {
        CertifiedKey user = userWithCaIssuers(url("127.0.0.1", "/silent.cer"));
        CertificatePathValidator fetching = validator(true);
        cannotVerify(fetching, user.certificate());
        cannotVerify(fetching, user.certificate());
        assertEquals(1, hits.get(), "the failure is remembered");
    }

    @Test
    @Timeout(30)
    void theValidateStageDoesNotWaitForTheDownload() throws Exception {
        CertifiedKey user = userWithCaIssuers(url("127.0.0.1", "/silent.cer"));
        CompletableFuture<ValidatedCertificate> pending =
                validator(true).validateAsync(user.certificate(), List.of(), Runnable::run);
        assertFalse(pending.isDone(), "the call returned while the server is still silent");
        CompletionException e = assertThrows(CompletionException.class, pending::join);
        assertEquals(FailureReason.CANT_VERIFY_CERTIFICATE, ((KdcFailure) e.getCause()).reason());
    }

    @Test
    void aHostNotOnTheAllowListIsNeverAsked() throws Exception {
        // localhost reaches the same server as 127.0.0.1, but only 127.0.0.1 is allowed
        CertifiedKey user = userWithCaIssuers(url("localhost", "/issuing.cer"),
                "http://127.0.0.1@localhost:" + server.getAddress().getPort() + "/issuing.cer",
                "http://user@127.0.0.1:" + server.getAddress().getPort() + "/issuing.cer");
        cannotVerify(validator(true), user.certificate());
        assertEquals(0, hits.get(), "no request reached the server");
    }

    @Test
    void onlyHttpAndHttpsUrlsAreFetched(@TempDir Path dir) throws Exception {
        Path issuingFile = Files.write(dir.resolve("issuing.cer"), issuing.certificate().getEncoded());
        CertifiedKey user = userWithCaIssuers(issuingFile.toUri().toString(),
                "jar:" + issuingFile.toUri() + "!/x", "ldap://127.0.0.1:" + server.getAddress().getPort() + "/cn=x",
                "ftp://127.0.0.1:" + server.getAddress().getPort() + "/issuing.cer");
        cannotVerify(validator(true), user.certificate());
        assertEquals(0, hits.get());
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        server.createContext("/moved.cer", exchange -> {
            hits.incrementAndGet();
            exchange.getResponseHeaders().add("Location", url("localhost", "/issuing.cer"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        cannotVerify(validator(true), userWithCaIssuers(url("127.0.0.1", "/moved.cer")).certificate());
        assertEquals(1, hits.get(), "the redirect's target was not asked");
    }

    @Test
    void aBodyBeyond64KiBIsCutAndRefusedEvenWhenItEndsWithTheIssuer() throws Exception {
        // a PEM file whose certificate comes after 200 KiB of text: a valid answer, but too large
        String pem = "x".repeat(200 << 10) + "\n-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(issuing.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        serve("/large.pem", pem.getBytes(StandardCharsets.US_ASCII));
        cannotVerify(validator(true), userWithCaIssuers(url("127.0.0.1", "/large.pem")).certificate());
        assertEquals(1, hits.get());
    }

    @Test
    @Timeout(60)
    void anEndlessBodyIsCutWhileItStreams() throws Exception {
        long bound = 256L << 20;
        AtomicLong written = new AtomicLong();
        CountDownLatch cut = new CountDownLatch(1);
        server.createContext("/endless.cer", exchange -> streamUntilCut(exchange, bound, written, cut));
        cannotVerify(validator(true), userWithCaIssuers(url("127.0.0.1", "/endless.cer")).certificate());
        assertTrue(cut.await(30, TimeUnit.SECONDS), "the KDC closed the download");
        assertTrue(written.get() < bound / 16, written.get() + " bytes were sent before the KDC closed");
    }

    @Test
    @Timeout(60)
    void aSlowBodyIsCutAtTheTimeout() throws Exception {
        // the issuer, one byte every 20 ms: whole after ~20 s, far beyond the 500 ms timeout
        byte[] der = issuing.certificate().getEncoded();
        AtomicLong written = new AtomicLong();
        CountDownLatch cut = new CountDownLatch(1);
        server.createContext("/slow.cer", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(200, der.length);
            OutputStream out = exchange.getResponseBody();
            try {
                for (byte b : der) {
                    out.write(b);
                    out.flush();
                    written.incrementAndGet();
                    Thread.sleep(20);
                }
            } catch (IOException e) {
                cut.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        cannotVerify(validator(true), userWithCaIssuers(url("127.0.0.1", "/slow.cer")).certificate());
        assertTrue(cut.await(30, TimeUnit.SECONDS), "the KDC closed the download");
        assertTrue(written.get() < der.length, "the body was cut before its end");
    }

    /** Writes 64 KiB pieces (chunked) until the client goes away or {@code bound} bytes are out. */
    private void streamUntilCut(HttpExchange exchange, long bound, AtomicLong written, CountDownLatch cut)
            throws IOException {
        hits.incrementAndGet();
        exchange.sendResponseHeaders(200, 0);
        byte[] junk = new byte[64 << 10];
        try (OutputStream out = exchange.getResponseBody()) {
            while (written.get() < bound) {
                out.write(junk);
                written.addAndGet(junk.length);
            }
        } catch (IOException e) {
            cut.countDown();
        }
    }

    @Test
    void atMostTwoUrlsAreFetchedPerRequest() throws Exception {
        // root <- i1 <- i2 <- i3 <- user, each certificate pointing at its issuer: three downloads would build it
        KeyPair key = KeyPairs.rsa2048();
        CertifiedKey i1 = CertificateBuilder.withKey("CN=I1", key).ca(null).issuedBy(root);
        CertifiedKey i2 = CertificateBuilder.withKey("CN=I2", key).ca(null)
                .extension(caIssuers(url("127.0.0.1", "/i1.cer"))).issuedBy(i1);
        CertifiedKey i3 = CertificateBuilder.withKey("CN=I3", key).ca(null)
                .extension(caIssuers(url("127.0.0.1", "/i2.cer"))).issuedBy(i2);
        serve("/i1.cer", i1.certificate().getEncoded());
        serve("/i2.cer", i2.certificate().getEncoded());
        serve("/i3.cer", i3.certificate().getEncoded());
        CertifiedKey user = userIssuedBy(i3, url("127.0.0.1", "/i3.cer"));
        cannotVerify(validator(true), user.certificate());
        assertEquals(2, hits.get());
        // with i2 in the request, two downloads reach the root
        assertEquals(4, validator(true).validate(user.certificate(), List.of(i2.certificate())).path().size());
    }

    @Test
    void theCacheHoldsABoundedNumberOfUrls() throws Exception {
        server.createContext("/missing/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        CaIssuersFetcher fetcher = fetcher();
        CertificatePathValidator v = validator(Optional.of(fetcher));
        KeyPair key = KeyPairs.rsa2048();
        int urls = CaIssuersFetcher.CACHE_ENTRIES + 20;
        List<X509Certificate> users = new ArrayList<>();
        for (int i = 0; i < urls; i++) {
            users.add(CertificateBuilder.withKey("CN=user", key).extendedKeyUsages(LabOids.MS_SMART_CARD_LOGON)
                    .extension(caIssuers(url("127.0.0.1", "/missing/" + i + ".cer"))).issuedBy(issuing)
                    .certificate());
        }
        for (X509Certificate user : users) {
            cannotVerify(v, user);
        }
        assertEquals(urls, hits.get());
        assertEquals(CaIssuersFetcher.CACHE_ENTRIES, fetcher.cachedUrls());
    }
}
