package dev.pkinitkdc.kdc.as;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.stage.decode.AsReqDecoder;
import dev.pkinitkdc.kdc.stage.decode.AsReqDecoderTest;
import dev.pkinitkdc.kdc.stage.encode.KrbErrorEncoder;
import dev.pkinitkdc.kdc.stage.map.AccountMappingStage;
import dev.pkinitkdc.kdc.stage.preauth.EncryptedTimestampForTest;
import dev.pkinitkdc.kdc.stage.preauth.PkinitPreauthentication;
import dev.pkinitkdc.kdc.stage.preauth.PreauthMechanisms;
import dev.pkinitkdc.kdc.stage.revocation.RevocationStage;
import dev.pkinitkdc.kdc.stage.trust.CaAllowList;
import dev.pkinitkdc.kdc.stage.trust.CertificatePathValidator;
import dev.pkinitkdc.kdc.stage.trust.KeyPurposePolicy;
import dev.pkinitkdc.kdc.stage.trust.PathLimits;
import dev.pkinitkdc.kdc.stage.trust.SignatureDigestPolicy;
import dev.pkinitkdc.kdc.support.telemetry.AuditLog;
import dev.pkinitkdc.kdc.support.telemetry.KdcTelemetry;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding.PaDataItem;
import dev.pkinitkdc.pkinit.asn1.PaDataEncoding;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import dev.pkinitkdc.pkinit.server.FreshnessTokens;
import dev.pkinitkdc.pkinit.server.PkinitReply;
import dev.pkinitkdc.pkinit.server.PkinitServer;
import dev.pkinitkdc.pkinit.server.VerifiedPkAsReq;
import dev.pkinitkdc.revocation.RevocationChecker;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationMode;
import dev.pkinitkdc.revocation.RevocationScope;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.base.KrbError;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.pa.PaData;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A pre-authentication mechanism registered beside PKINIT reaches the wire through the unchanged AS-REQ pipeline:
 * offered in the METHOD-DATA of KDC_ERR_PREAUTH_REQUIRED (RFC 4120 5.9.1), and given its own padata to check.
 */
class PreauthMechanismInPipelineTest {
    private static final String REALM = "LAB.EXAMPLE";
    private static final int PA_ENC_TIMESTAMP = EncryptedTimestampForTest.PA_ENC_TIMESTAMP;
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 1);

    /** PKINIT whose PA-PK-AS-REQ checks must not run in these tests. */
    private static final PkinitServer UNUSED_PKINIT = new PkinitServer() {
        @Override
        public VerifiedPkAsReq verify(byte[] paPkAsReq, byte[] reqBodyDer) {
            throw new AssertionError("PKINIT was asked");
        }

        @Override
        public PkinitReply reply(VerifiedPkAsReq r, Enctype e, byte[] a, PrincipalName c, PrincipalName t) {
            throw new AssertionError("PKINIT was asked");
        }
    };

    private static final CertifiedKey ANCHOR = anchor();

    private static CertifiedKey anchor() {
        try {
            return CertificateBuilder.withNewKey("CN=Unused Root").ca(null).selfSigned();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private final EncryptedTimestampForTest timestamp = new EncryptedTimestampForTest();

    private AsReqProcessor pipeline() {
        FreshnessTokens freshness = FreshnessTokens.ofRandomKey(Duration.ofMinutes(5), Clock.systemUTC());
        PreauthMechanisms mechanisms = new PreauthMechanisms(List.of(new PkinitPreauthentication(UNUSED_PKINIT),
                timestamp), freshness);
        RevocationStage revocationOff = new RevocationStage(new RevocationChecker(List.of(), RevocationMode.OFF,
                RevocationScope.CHAIN, new RevocationCounters()));
        // the stages after pre-authentication are never reached here
        AccountMappingStage noMapping = new AccountMappingStage((certificate, hint) -> {
            throw new AssertionError("mapping was reached");
        });
        // a real validator, whose anchor no request here chains to
        CertificatePathValidator validator = new CertificatePathValidator(List.of(ANCHOR.certificate()), List.of(),
                new KeyPurposePolicy(), new SignatureDigestPolicy(false), new CaAllowList(List.of()), Optional.empty(),
                PathLimits.defaults(), Clock.systemUTC());
        return new AsReqProcessor(new AsReqDecoder(REALM, List.of(Enctype.AES256_CTS_HMAC_SHA1_96)), mechanisms,
                validator, revocationOff, noMapping, null, new KrbErrorEncoder(REALM), Runnable::run, Clock.systemUTC(),
                KdcTelemetry.unserved());
    }

    private CompletableFuture<byte[]> send(PaData padata) throws Exception {
        byte[] request = AsReqDecoderTest.asReq(REALM, List.of("krbtgt", REALM),
                List.of(Enctype.AES256_CTS_HMAC_SHA1_96), 7, padata);
        return pipeline().handle(PEER, Transport.TCP, request);
    }

    /** The one audit line of a request carrying {@code padata}, once the mechanism answered {@code answer}. */
    private String auditLine(PaData padata, Optional<KdcFailure> answer) throws Exception {
        Logger audit = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        audit.addAppender(lines);
        try {
            CompletableFuture<byte[]> reply = send(padata);
            timestamp.answer(answer);
            reply.get(1, TimeUnit.MINUTES);
        } finally {
            audit.detachAppender(lines);
        }
        assertEquals(1, lines.list.size(), () -> "one audit line: " + lines.list);
        return lines.list.get(0).getFormattedMessage();
    }

    /** The reply, waited for with a generous bound (it is complete, or completes when the mechanism answers). */
    private static KrbError krbError(CompletableFuture<byte[]> reply) throws Exception {
        return KrbCodec.decode(reply.get(1, TimeUnit.MINUTES), KrbError.class);
    }

    @Test
    void itIsOfferedAfterPkinitInPreauthRequired() throws Exception {
        KrbError error = krbError(send(null));
        assertEquals(25, error.getErrorCode().getValue());
        assertEquals(List.of(19, 16, PA_ENC_TIMESTAMP), PaDataEncoding.decodeSequence(error.getEdata()).stream()
                .map(PaDataItem::type).toList());
    }

    @Test
    void itChecksItsOwnPadataAndItsRefusalIsTheKrbError() throws Exception {
        PaData padata = new PaData();
        padata.addElement(PaDataEncoding.entry(PA_ENC_TIMESTAMP, new byte[] {1, 2, 3}));
        CompletableFuture<byte[]> reply = send(padata);
        assertEquals(1, timestamp.checked().size());
        assertArrayEquals(new byte[] {1, 2, 3}, timestamp.checked().get(0));
        assertFalse(reply.isDone(), "the pipeline waits for the mechanism without holding a thread");
        timestamp.answer(Optional.of(new KdcFailure(FailureReason.PREAUTH_FAILED, "the timestamp does not decrypt")));
        assertEquals(24, krbError(reply).getErrorCode().getValue(), "KDC_ERR_PREAUTH_FAILED");
    }

    private static PaData timestampPadata() {
        PaData padata = new PaData();
        padata.addElement(PaDataEncoding.entry(PA_ENC_TIMESTAMP, new byte[] {4}));
        return padata;
    }

    /**
     * {@code refused_at} names the step that refused, not a guess from what the exchange lacks: a request another
     * mechanism accepted reaches validate, which refuses it (there is no certificate to log on with).
     */
    @Test
    void aRequestAnotherMechanismAcceptedIsRefusedAtValidate() throws Exception {
        String line = auditLine(timestampPadata(), Optional.empty());
        assertTrue(line.contains("\"refused_at\":\"validate\""), line);
        assertTrue(line.contains("\"error_code\":62"), line);
    }

    /** The mechanism's own refusal is refused at preauth. */
    @Test
    void aMechanismsRefusalIsRefusedAtPreauth() throws Exception {
        String line = auditLine(timestampPadata(),
                Optional.of(new KdcFailure(FailureReason.PREAUTH_FAILED, "the timestamp does not decrypt")));
        assertTrue(line.contains("\"refused_at\":\"preauth\""), line);
        assertTrue(line.contains("\"error_code\":24"), line);
    }
}
