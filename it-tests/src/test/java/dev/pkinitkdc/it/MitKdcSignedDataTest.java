package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding;
import dev.pkinitkdc.pkinit.asn1.PaPkAsReq;
import dev.pkinitkdc.pkinit.asn1.PkinitOids;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.AuthPackSigning;
import dev.pkinitkdc.pkinit.client.KdcTransport;
import dev.pkinitkdc.pkinit.client.PkinitAsReq;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import dev.pkinitkdc.pkinit.client.SignatureTamper;
import dev.pkinitkdc.pkinit.cms.SignedDataEncoding;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What MIT's krb5kdc (1.20, cms_signeddata_verify) answers the SignedData structure faults that
 * HostileAuthPackOnTheWireTest sends our KDC, recorded as the reference our choices are compared with: a wrong
 * eContentType is KDC_ERR_PREAUTH_FAILED at both; a missing signer certificate is 24 at MIT (its catch-all) and 70
 * at ours; a second valid SignerInfo is no error of its own at MIT, which checks and maps the certificate of the
 * first SignerInfo in the (DER-sorted) SET as the client's and only verifies the other's signature. Which one sorts
 * first depends on the lab's random serials, so the test reads the order from the request it sent.
 */
class MitKdcSignedDataTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int INCONSISTENT_KEY_PURPOSE = 77;

    @TempDir
    static Path dir;
    static LabEnvironment lab;
    static MitKdc mit;

    @BeforeAll
    static void start() throws Exception {
        lab = LabKdc.prepareLab(dir.resolve("lab"));
        mit = MitKdc.start(lab, dir.resolve("mit"), List.of("bob"), List.of());
    }

    @AfterAll
    static void stop() {
        if (mit != null) {
            mit.close();
        }
    }

    /** bob (id-pkinit-san bob@REALM, which MIT maps) asks MIT for a TGT, his AuthPack signed as {@code signing}. */
    private static AsExchangeResult bob(AuthPackSigning signing, PkinitAsReq[] sent) throws Exception {
        PkinitClient client = OwnClient.client(lab, "bob", PkinitClientOptions.defaults()).withSigning(signing);
        PkinitAsReq request = client.newAsReq(OwnClient.principal("bob"), lab.realm());
        sent[0] = request;
        return client.processReply(request, KdcTransport.exchangeTcp(mit.address(), request.encoded(), TIMEOUT));
    }

    private static AsExchangeResult bob(AuthPackSigning signing) throws Exception {
        return bob(signing, new PkinitAsReq[1]);
    }

    private static int mitError(AuthPackSigning signing) throws Exception {
        AsExchangeResult r = bob(signing);
        return assertInstanceOf(AsExchangeResult.Error.class, r, r::toString).errorCode();
    }

    @Test
    void theStandardAuthPackLogsOn() throws Exception {
        AsExchangeResult r = bob(AuthPackSigning.standard());
        assertInstanceOf(AsExchangeResult.Success.class, r, r::toString);
    }

    @Test
    void anAuthPackSignedAsDhKeyDataIsPreauthFailed() throws Exception {
        assertEquals(24, mitError(AuthPackSigning.standard().withEContentType(PkinitOids.DH_KEY_DATA)));
    }

    @Test
    void aSignerCertificateMissingFromTheSignedDataIsPreauthFailed() throws Exception {
        assertEquals(24, mitError(AuthPackSigning.standard().withSignedDataRewrite(
                SignatureTamper.withoutCertificate(OwnClient.identity(lab, "bob").certificate()))));
    }

    @Test
    void aSecondValidSignerInfoIsNoErrorTheFirstInTheSetIsTheClient() throws Exception {
        PkinitAsReq[] sent = new PkinitAsReq[1];
        AsExchangeResult r = bob(AuthPackSigning.standard()
                .withSignedDataRewrite(SignatureTamper.withSecondSigner(OwnClient.identity(lab, "alice"))), sent);
        byte[] pa = KdcReqEncoding.paData(sent[0].encoded()).stream().filter(p -> p.type() == 16).findFirst()
                .orElseThrow().value();
        var signerInfos = SignedDataEncoding.signedData(PaPkAsReq.decode(pa).signedAuthPack()).getSignerInfos();
        assertEquals(2, signerInfos.size());
        BigInteger first = IssuerAndSerialNumber.getInstance(SignerInfo.getInstance(signerInfos.getObjectAt(0))
                .getSID().getId()).getSerialNumber().getValue();
        if (first.equals(OwnClient.identity(lab, "bob").certificate().getSerialNumber())) {
            assertInstanceOf(AsExchangeResult.Success.class, r, r::toString);      // bob's certificate chosen
        } else {
            // alice's certificate chosen as the client's: her EKUs (Smart Card Logon, clientAuth) are not the
            // kpClientAuth this MIT realm checks (pkinit_eku_checking), so 77 - about her, not about two signers
            assertEquals(INCONSISTENT_KEY_PURPOSE, assertInstanceOf(AsExchangeResult.Error.class, r, r::toString)
                    .errorCode(), r::toString);
        }
    }
}
