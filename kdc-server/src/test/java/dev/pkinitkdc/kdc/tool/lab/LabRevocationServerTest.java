package dev.pkinitkdc.kdc.tool.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.labpki.LabPki;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.cert.PemFiles;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's revocation server over real HTTP on loopback, its CRLs and OCSP responses read back with BC and the JDK. */
class LabRevocationServerTest {
    @TempDir
    static Path dir;
    static LabEnvironment lab;
    static LabRevocationServer server;
    static LabPki pki;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        lab = TestLabs.withFreeRevocationPort(dir);
        pki = LabPki.load(lab.layout());
        server = lab.startRevocationServer();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static X509CRL crl(String url) throws Exception {
        HttpResponse<byte[]> r = get(url);
        assertEquals(200, r.statusCode());
        assertEquals("application/pkix-crl", r.headers().firstValue("Content-Type").orElse(""));
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(r.body()));
    }

    private static X509Certificate user(String name) throws Exception {
        return PemFiles.certificate(lab.user(name).certificate());
    }

    private static byte[] ocspRequest(X509Certificate issuer, BigInteger serial, byte[] nonce) throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuer), serial);
        OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(id);
        if (nonce != null) {
            builder.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(nonce))));
        }
        return builder.build().getEncoded();
    }

    /** POSTs the request and checks the response is successful and signed by the issuing CA (RFC 6960 4.2.2.2). */
    private static BasicOCSPResp ocsp(byte[] request) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(lab.revocationUrls().ocsp()))
                .header("Content-Type", "application/ocsp-request").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return basic(r.body());
    }

    private static BasicOCSPResp basic(byte[] der) throws Exception {
        OCSPResp resp = new OCSPResp(der);
        assertEquals(OCSPResp.SUCCESSFUL, resp.getStatus());
        BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
        assertTrue(basic.isSignatureValid(new JcaContentVerifierProviderBuilder()
                .build(pki.issuing().certificate().getPublicKey())));
        return basic;
    }

    private static SingleResp only(BasicOCSPResp basic) {
        assertEquals(1, basic.getResponses().length);
        SingleResp one = basic.getResponses()[0];
        assertTrue(one.getNextUpdate().after(one.getThisUpdate()));
        return one;
    }

    @Test
    void theIssuingCrlIsSignedByTheIssuingCaAndListsTheRevokedUser() throws Exception {
        X509CRL crl = crl(lab.revocationUrls().issuingCrl());
        crl.verify(pki.issuing().certificate().getPublicKey());
        assertTrue(crl.isRevoked(user("revoked")));
        assertFalse(crl.isRevoked(user("alice")));
        assertEquals(CRLReason.keyCompromise, crl.getRevokedCertificate(user("revoked")).getRevocationReason().ordinal());
        Instant now = Instant.now();
        assertTrue(crl.getThisUpdate().toInstant().isBefore(now));
        assertTrue(crl.getNextUpdate().toInstant().isAfter(now.plus(Duration.ofMinutes(50))));
        assertTrue(crl.getCriticalExtensionOIDs().contains(Extension.issuingDistributionPoint.getId()));
    }

    @Test
    void theRootCrlIsSignedByTheRootAndEmpty() throws Exception {
        X509CRL crl = crl(lab.revocationUrls().rootCrl());
        crl.verify(pki.root().certificate().getPublicKey());
        assertNull(crl.getRevokedCertificates());
        assertFalse(crl.isRevoked(pki.issuing().certificate()));
    }

    @Test
    void ocspSaysGoodForAliceAndRevokedWithTheReasonForRevokedAndEchoesTheNonce() throws Exception {
        byte[] nonce = {1, 2, 3, 4, 5, 6, 7, 8};
        BasicOCSPResp alice = ocsp(ocspRequest(pki.issuing().certificate(), user("alice").getSerialNumber(), nonce));
        assertNull(only(alice).getCertStatus(), "null is good in BC's API");
        assertArrayEquals(new DEROctetString(nonce).getEncoded(),
                alice.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getEncoded());

        BasicOCSPResp revoked = ocsp(ocspRequest(pki.issuing().certificate(), user("revoked").getSerialNumber(), null));
        RevokedStatus status = assertInstanceOf(RevokedStatus.class, only(revoked).getCertStatus());
        assertEquals(CRLReason.keyCompromise, status.getRevocationReason());
        assertNull(revoked.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce));
    }

    @Test
    void ocspSaysUnknownForACertificateOfAnotherIssuerAndAnswersGetToo() throws Exception {
        CertifiedKey otherCa = CertificateBuilder.withNewKey("CN=Other CA").ca(0).selfSigned();
        BasicOCSPResp other = ocsp(ocspRequest(otherCa.certificate(), BigInteger.TEN, null));
        assertInstanceOf(UnknownStatus.class, only(other).getCertStatus());

        String encoded = URLEncoder.encode(Base64.getEncoder().encodeToString(
                ocspRequest(pki.issuing().certificate(), user("revoked").getSerialNumber(), null)), StandardCharsets.US_ASCII);
        HttpResponse<byte[]> r = get(lab.revocationUrls().ocsp() + "/" + encoded);
        assertEquals(200, r.statusCode());
        assertInstanceOf(RevokedStatus.class, only(basic(r.body())).getCertStatus());
    }

    @Test
    void aMalformedRequestGetsMalformedRequestAndUnknownPathsA404() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(lab.revocationUrls().ocsp()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x30, 0x01})).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(OCSPResp.MALFORMED_REQUEST, new OCSPResp(r.body()).getStatus());
        assertEquals(404, get(lab.revocationUrls().base() + "/crl/other.crl").statusCode());
    }

    @Test
    void aSerialAddedToRevokedTxtIsServedAtOnceWithAHigherCrlNumber() throws Exception {
        X509Certificate bob = user("bob");
        X509CRL before = crl(lab.revocationUrls().issuingCrl());
        Path list = lab.layout().revokedSerials();
        Files.writeString(list, bob.getSerialNumber().toString(16) + " superseded\n", StandardOpenOption.APPEND);
        Files.setLastModifiedTime(list, FileTime.from(Instant.now().plusSeconds(2)));   // a distinct version
        try {
            X509CRL after = crl(lab.revocationUrls().issuingCrl());
            assertTrue(after.isRevoked(bob));
            assertTrue(number(after).compareTo(number(before)) > 0);
            RevokedStatus status = assertInstanceOf(RevokedStatus.class, only(ocsp(ocspRequest(
                    pki.issuing().certificate(), bob.getSerialNumber(), null))).getCertStatus());
            assertEquals(CRLReason.superseded, status.getRevocationReason());
        } finally {
            String text = Files.readString(list);
            Files.writeString(list, text.substring(0, text.lastIndexOf(bob.getSerialNumber().toString(16))));
        }
    }

    private static BigInteger number(X509CRL crl) throws Exception {
        byte[] ext = crl.getExtensionValue(Extension.cRLNumber.getId());
        return org.bouncycastle.asn1.ASN1Integer.getInstance(
                org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils.parseExtensionValue(ext)).getValue();
    }
}
