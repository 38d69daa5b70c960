package dev.pkinitkdc.kdc.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.cert.CertificateBuilder;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.kdc.lab.LabOids;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Path building through AIA caIssuers, against a real HTTP server on loopback. */
class CaIssuersFetcherTest {
    private HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private CertifiedKey root;
    private CertifiedKey issuing;

    @BeforeEach
    void start() throws Exception {
        root = CertificateBuilder.withNewKey("CN=AIA Root").ca(null).selfSigned();
        issuing = CertificateBuilder.withNewKey("CN=AIA Issuing").ca(0).issuedBy(root);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] der = issuing.certificate().getEncoded();
        server.createContext("/issuing.cer", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(200, der.length);
            exchange.getResponseBody().write(der);
            exchange.close();
        });
        server.createContext("/silent.cer", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);   // accepts, never answers within the client's timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private CertifiedKey userWithCaIssuers(String path) throws Exception {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
        AuthorityInformationAccess aia = new AuthorityInformationAccess(new AccessDescription(
                AccessDescription.id_ad_caIssuers, new GeneralName(GeneralName.uniformResourceIdentifier, url)));
        return CertificateBuilder.withNewKey("CN=user").extendedKeyUsages(LabOids.MS_SMART_CARD_LOGON)
                .keyUsage(KeyUsage.digitalSignature)
                .extension(new Extension(Extension.authorityInfoAccess, false, aia.getEncoded()))
                .issuedBy(issuing);
    }

    private CertificatePathValidator validator(boolean fetch) {
        return new CertificatePathValidator(List.of(root.certificate()), List.of(), new KeyPurposePolicy(),
                new SignatureDigestPolicy(false), new CaAllowList(List.of()),
                fetch ? Optional.of(new CaIssuersFetcher(Duration.ofMillis(500), Clock.systemUTC())) : Optional.empty(),
                PathLimits.defaults(), Clock.systemUTC());
    }

    @Test
    void aMissingIntermediateIsFetchedOnceAndCached() throws Exception {
        CertifiedKey user = userWithCaIssuers("/issuing.cer");
        KdcFailure without = assertThrows(KdcFailure.class,
                () -> validator(false).validate(user.certificate(), List.of()));
        assertEquals(FailureReason.CANT_VERIFY_CERTIFICATE, without.reason());
        CertificatePathValidator fetching = validator(true);
        assertEquals(2, fetching.validate(user.certificate(), List.of()).path().size());
        fetching.validate(user.certificate(), List.of());
        assertEquals(1, hits.get(), "the second logon uses the cached issuer");
    }

    @Test
    @Timeout(30)
    void aServerThatNeverAnswersCostsTheTimeoutAndTheCertificateCannotBeVerified() throws Exception {
        CertifiedKey user = userWithCaIssuers("/silent.cer");
        CertificatePathValidator fetching = validator(true);
        KdcFailure f = assertThrows(KdcFailure.class, () -> fetching.validate(user.certificate(), List.of()));
        assertEquals(FailureReason.CANT_VERIFY_CERTIFICATE, f.reason());
        KdcFailure again = assertThrows(KdcFailure.class, () -> fetching.validate(user.certificate(), List.of()));
        assertEquals(FailureReason.CANT_VERIFY_CERTIFICATE, again.reason());
    }
}
