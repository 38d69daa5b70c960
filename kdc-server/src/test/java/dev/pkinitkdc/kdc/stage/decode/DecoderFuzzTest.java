package dev.pkinitkdc.kdc.stage.decode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.pkinit.KdcIdentity;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.server.PkinitPolicy;
import dev.pkinitkdc.pkinit.server.Rfc4556PkinitServer;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer) of what an unauthenticated client controls: the AS-REQ decode stage and the
 * PA-PK-AS-REQ / CMS SignedData / AuthPack parser. A KdcFailure is the expected answer to bad bytes; anything else
 * thrown (an unchecked exception, a StackOverflowError, an OutOfMemoryError) is a finding.
 *
 * <p>In a normal test run each target replays its inputs in {@code DecoderFuzzTestInputs/<method>} (requests made by
 * the project's own client, and any crash a fuzzing run saved there) and takes a moment. {@code scripts/fuzz.sh}
 * fuzzes for a set time ({@code JAZZER_FUZZ=1}).
 */
class DecoderFuzzTest {
    private static final AsReqDecoder DECODER = new AsReqDecoder("LAB.EXAMPLE",
            List.of(Enctype.AES256_CTS_HMAC_SHA384_192, Enctype.AES256_CTS_HMAC_SHA1_96));
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 1);
    /** verify() never touches the KDC's identity: that is for replies. */
    private static final Rfc4556PkinitServer PKINIT = new Rfc4556PkinitServer(
            new KdcIdentity(null, null, List.of()), PkinitPolicy.defaults(), Clock.systemUTC(), new SecureRandom());
    private static final byte[] BODY = {0x30, 0x00};

    @FuzzTest(maxDuration = "5s")
    void asReq(byte[] wire) {
        try {
            DECODER.decode(AsExchange.received(PEER, Transport.TCP, Instant.EPOCH, wire));
        } catch (KdcFailure expected) {
            // a KRB-ERROR for the client
        }
    }

    @FuzzTest(maxDuration = "5s")
    void paPkAsReq(byte[] paPkAsReq) {
        try {
            PKINIT.verify(paPkAsReq, BODY);
        } catch (KdcFailure expected) {
            // a KRB-ERROR for the client
        }
    }
}
