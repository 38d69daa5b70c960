package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.asn1.PkinitOids;
import dev.pkinitkdc.pkinit.cert.KeyPairs;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.AuthPackSigning;
import dev.pkinitkdc.pkinit.client.HostileEncodings;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import dev.pkinitkdc.pkinit.client.SignatureTamper;
import dev.pkinitkdc.pkinit.kx.EcCurve;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 over TCP against the lab KDC: a hostile client's signed AuthPacks and encodings get their KRB-ERROR,
 * and alice still logs on after each (the KDC keeps serving; no stack trace, no worker lost). Issue 22: the
 * SignedData's structure (RFC 4556 3.2.1) - eContentType, one SignerInfo, the signer's certificate carried.
 */
class HostileAuthPackOnTheWireTest extends LabPerClass {
    private static AsExchangeResult.Error refused(AuthPackSigning signing) throws Exception {
        PkinitClient client = OwnClient.client(kdc.lab, "alice", PkinitClientOptions.defaults()).withSigning(signing);
        var request = client.newAsReq(OwnClient.principal("alice"), kdc.lab.realm());
        AsExchangeResult r = client.processReply(request, OwnClient.tcp(kdc.lab, request.encoded()));
        return assertInstanceOf(AsExchangeResult.Error.class, r, r::toString);
    }

    private static void aliceStillLogsOn() throws Exception {
        assertInstanceOf(AsExchangeResult.Success.class,
                OwnClient.logon(kdc.lab, "alice", "alice", PkinitClientOptions.defaults(), false));
    }

    @Test
    void elevenCertificatesArePreauthFailed() throws Exception {
        List<X509Certificate> strangers = IntStream.range(0, 10).mapToObj(i -> CertificateBuilder
                .withKey("CN=stranger " + i, KeyPairs.ec(EcCurve.P256)).signatureAlgorithm("SHA256withECDSA")
                .selfSigned().certificate()).toList();
        AsExchangeResult.Error e = refused(AuthPackSigning.standard().withExtraCertificates(strangers));
        assertEquals(24, e.errorCode(), e.eText());
        aliceStillLogsOn();
    }

    @Test
    void sha1AndMd5SignaturesAreDigestNotAccepted() throws Exception {
        for (String algorithm : List.of("SHA1withRSA", "MD5withRSA")) {
            AsExchangeResult.Error e = refused(AuthPackSigning.standard().withSignatureAlgorithm(algorithm));
            assertEquals(80, e.errorCode(), algorithm + ": " + e.eText());
        }
        aliceStillLogsOn();
    }

    @Test
    void noSignedAttributesIsInvalidSig() throws Exception {
        AsExchangeResult.Error e = refused(AuthPackSigning.standard().withoutSignedAttributes());
        assertEquals(64, e.errorCode(), e.eText());
    }

    @Test
    void anAuthPackSignedAsDhKeyDataIsPreauthFailed() throws Exception {
        AsExchangeResult.Error e = refused(AuthPackSigning.standard().withEContentType(PkinitOids.DH_KEY_DATA));
        assertEquals(24, e.errorCode(), e.eText());
        aliceStillLogsOn();
    }

    @Test
    void aSecondSignerInfoIsCantVerifyCertificate() throws Exception {
        // bob's valid signature beside alice's: two signer certificates, each chaining to the lab root
        AsExchangeResult.Error e = refused(AuthPackSigning.standard()
                .withSignedDataRewrite(SignatureTamper.withSecondSigner(OwnClient.identity(kdc.lab, "bob"))));
        assertEquals(70, e.errorCode(), e.eText());
    }

    @Test
    void aSignerCertificateMissingFromTheSignedDataIsCantVerifyCertificate() throws Exception {
        AsExchangeResult.Error e = refused(AuthPackSigning.standard().withSignedDataRewrite(
                SignatureTamper.withoutCertificate(OwnClient.identity(kdc.lab, "alice").certificate())));
        assertEquals(70, e.errorCode(), e.eText());
        aliceStillLogsOn();
    }

    @Test
    void deepNestingAndTrailingBytesAreKrbErrGeneric() throws Exception {
        byte[] good = OwnClient.client(kdc.lab, "alice", PkinitClientOptions.defaults())
                .newAsReq(OwnClient.principal("alice"), kdc.lab.realm()).encoded();
        // 50,000 indefinite-length SEQUENCEs as the padata: 200 kB, under the 256 KiB TCP frame limit
        byte[] deep = HostileEncodings.tlv(0x6a, HostileEncodings.tlv(0x30, HostileEncodings.tlv(0xa3,
                HostileEncodings.nestedIndefinite(50_000, 0x30))));
        for (byte[] wire : List.of(deep, HostileEncodings.trailing(good, (byte) 0), HostileEncodings.outerLengthPadded(good))) {
            KrbErrorOnTheWire e = KrbErrorOnTheWire.decode(OwnClient.tcp(kdc.lab, wire));
            assertEquals(60, e.code(), e.eText());
            assertTrue(e.eText() == null || !e.eText().contains("Exception"), e.eText());
        }
        aliceStillLogsOn();
    }
}
