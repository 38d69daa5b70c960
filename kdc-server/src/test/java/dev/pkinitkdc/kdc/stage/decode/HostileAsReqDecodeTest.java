package dev.pkinitkdc.kdc.stage.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.pkinit.client.HostileEncodings;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import org.apache.kerby.kerberos.kerb.type.pa.PaData;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataEntry;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataType;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.junit.jupiter.api.Test;

/**
 * What an attacker sends the decode stage (RFC 4120 5.4.1, which says DER): bytes after the AS-REQ, BER lengths,
 * and nesting a hundred thousand deep that would take a recursive parser's stack. Each is MALFORMED_REQUEST
 * (KRB_ERR_GENERIC), never a StackOverflowError.
 */
class HostileAsReqDecodeTest {
    private static final String REALM = "LAB.EXAMPLE";
    private static final int DEEP = 100_000;
    private final AsReqDecoder decoder = new AsReqDecoder(REALM, List.of(Enctype.AES256_CTS_HMAC_SHA1_96));

    private static byte[] wellFormed() throws Exception {
        PaData pa = new PaData();
        pa.addElement(new PaDataEntry(PaDataType.PK_AS_REQ, new byte[] {1, 2, 3}));
        return AsReqDecoderTest.asReq(REALM, List.of("krbtgt", REALM), List.of(Enctype.AES256_CTS_HMAC_SHA1_96), 7,
                pa);
    }

    private FailureReason refusal(byte[] wire) {
        KdcFailure f = assertThrows(KdcFailure.class, () -> decoder.decode(
                AsExchange.received(new InetSocketAddress("127.0.0.1", 1), Transport.TCP, Instant.now(), wire)));
        return f.reason();
    }

    @Test
    void theWellFormedRequestDecodes() throws Exception {
        decoder.decode(AsExchange.received(new InetSocketAddress("127.0.0.1", 1), Transport.TCP, Instant.now(),
                wellFormed()));
    }

    @Test
    void bytesAfterTheAsReqAreMalformed() throws Exception {
        byte[] wire = wellFormed();
        assertEquals(FailureReason.MALFORMED_REQUEST, refusal(HostileEncodings.trailing(wire, (byte) 0)));
        assertEquals(FailureReason.MALFORMED_REQUEST, refusal(HostileEncodings.trailing(wire, wire)));
    }

    @Test
    void aNonMinimalOuterLengthIsMalformed() throws Exception {
        assertEquals(FailureReason.MALFORMED_REQUEST, refusal(HostileEncodings.outerLengthPadded(wellFormed())));
    }

    @Test
    void anIndefiniteLengthPadataSequenceIsMalformed() throws Exception {
        byte[] wire = wellFormed();
        byte[] padata = padataSequence(wire);
        assertEquals(FailureReason.MALFORMED_REQUEST,
                refusal(withRawPadata(wire, HostileEncodings.outerIndefinite(padata))));
    }

    @Test
    void padataNestedAHundredThousandDeepIsMalformedNotAStackOverflow() throws Exception {
        for (byte[] deep : List.of(HostileEncodings.nested(DEEP, 0x30), HostileEncodings.nestedIndefinite(DEEP, 0x30))) {
            byte[] wire = withRawPadata(wellFormed(), deep);
            assertTrue(wire.length > 4 * DEEP);
            assertEquals(FailureReason.MALFORMED_REQUEST, refusal(wire));
        }
    }

    /** The DER of the padata SEQUENCE OF PA-DATA inside the [3] field. */
    private static byte[] padataSequence(byte[] wire) throws Exception {
        ASN1TaggedObject app = (ASN1TaggedObject) ASN1Primitive.fromByteArray(wire);
        for (var e : ASN1Sequence.getInstance(app.getExplicitBaseObject())) {
            ASN1TaggedObject field = (ASN1TaggedObject) e;
            if (field.getTagNo() == 3) {
                return field.getExplicitBaseObject().toASN1Primitive().getEncoded("DER");
            }
        }
        throw new IllegalStateException("no padata");
    }

    /** The same AS-REQ with {@code content} as the whole content of its padata [3] field. */
    private static byte[] withRawPadata(byte[] wire, byte[] content) throws Exception {
        ASN1TaggedObject app = (ASN1TaggedObject) ASN1Primitive.fromByteArray(wire);
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        for (var e : ASN1Sequence.getInstance(app.getExplicitBaseObject())) {
            ASN1TaggedObject field = (ASN1TaggedObject) e;
            fields.writeBytes(field.getTagNo() == 3 ? HostileEncodings.tlv(0xa3, content) : field.getEncoded());
        }
        return HostileEncodings.tlv(0x6a, HostileEncodings.tlv(0x30, fields.toByteArray()));
    }
}
