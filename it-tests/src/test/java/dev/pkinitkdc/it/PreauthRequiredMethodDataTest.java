package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.stage.issue.KrbtgtKeys;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding.PaDataItem;
import dev.pkinitkdc.pkinit.asn1.PaDataEncoding;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import dev.pkinitkdc.pkinit.server.FreshnessTokens;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.base.KrbError;
import org.apache.kerby.kerberos.kerb.type.kdc.AsReq;
import org.apache.kerby.kerberos.kerb.type.pa.PaData;
import org.junit.jupiter.api.Test;

/**
 * The e-data of the lab KDC's KDC_ERR_PREAUTH_REQUIRED (RFC 4120 3.1.3, 5.9.1: METHOD-DATA, a SEQUENCE OF PA-DATA)
 * for the first request of the clients it meets, pinned byte for byte: PA-ETYPE-INFO2 (19; RFC 4120 5.2.7.5, as AD
 * and MIT send it) naming the request's enctypes the KDC would use, aes256-cts (18) then aes128-cts (17) as this
 * client asks, each with the RFC 4120 default salt "LAB.EXAMPLEalice"; PA-PK-AS-REQ (16) with an empty value
 * (RFC 4556 3.2.1); then, only when the client sent an empty PA-AS-FRESHNESS (150), a PA-AS-FRESHNESS with a new
 * token (RFC 8070 4: time, krbtgt kvno, checksum under the krbtgt key, as MIT's KDC makes it). Nothing else: no
 * PA-FX-FAST, no PA-FX-COOKIE.
 */
class PreauthRequiredMethodDataTest extends LabPerClass {
    /** ETYPE-INFO2-ENTRY { etype [0] 18 or 17, salt [1] GeneralString "LAB.EXAMPLEalice" } in DER. */
    private static final String AES256_ENTRY = "3019a003020112a1121b104c41422e4558414d504c45616c696365";
    private static final String AES128_ENTRY = "3019a003020111a1121b104c41422e4558414d504c45616c696365";
    /** PA-DATA { padata-type [1] 19, padata-value [2] ETYPE-INFO2 { both } }. */
    private static final String ETYPE_INFO2 = "3041a103020113a23a04383036" + AES256_ENTRY + AES128_ENTRY;
    /** METHOD-DATA { PA-ETYPE-INFO2, PA-DATA { padata-type [1] 16, padata-value [2] "" } } in DER. */
    private static final String WITHOUT_TOKEN = "304e" + ETYPE_INFO2 + "3009a103020110a2020400";

    /** MIT kinit 1.17+: empty PA-AS-FRESHNESS and PA-REQ-ENC-PA-REP (149), as get_in_tkt.c adds them. */
    @Test
    void mitFirstRequestWithPaAsFreshnessGetsPkAsReqAndAToken() throws Exception {
        Instant before = Instant.now();
        byte[] eData = preauthRequiredEData(150, 149);
        assertArrayEquals(expectedWithToken(eData, before), eData, () -> HexFormat.of().formatHex(eData));
    }

    /** MIT kinit before 1.17 (or with the info padata not permitted): PA-REQ-ENC-PA-REP only. */
    @Test
    void mitFirstRequestWithoutPaAsFreshnessGetsPkAsReqOnly() throws Exception {
        assertEquals(WITHOUT_TOKEN, HexFormat.of().formatHex(preauthRequiredEData(149)));
    }

    /** Heimdal kinit asking for a PAC: PA-PAC-REQUEST (128, MS-KILE 2.2.3), no freshness. */
    @Test
    void heimdalFirstRequestGetsPkAsReqOnly() throws Exception {
        assertEquals(WITHOUT_TOKEN, HexFormat.of().formatHex(preauthRequiredEData(128)));
    }

    /** A first request with no padata at all (RFC 4120 3.1.1). */
    @Test
    void aRequestWithoutPadataGetsPkAsReqOnly() throws Exception {
        assertEquals(WITHOUT_TOKEN, HexFormat.of().formatHex(preauthRequiredEData()));
    }

    /** PA-PAC-REQUEST then an empty PA-AS-FRESHNESS: the token still follows PA-PK-AS-REQ. */
    @Test
    void heimdalStyleFirstRequestWithPaAsFreshnessGetsPkAsReqAndAToken() throws Exception {
        Instant before = Instant.now();
        byte[] eData = preauthRequiredEData(128, 150);
        assertArrayEquals(expectedWithToken(eData, before), eData, () -> HexFormat.of().formatHex(eData));
    }

    /** Sends alice's AS-REQ without PA-PK-AS-REQ, with empty padata of these types, and returns the e-data. */
    private static byte[] preauthRequiredEData(int... padataTypes) throws Exception {
        PkinitClient client = OwnClient.client(kdc.lab, "alice", PkinitClientOptions.defaults());
        AsReq request = KrbCodec.decode(client.freshnessRequest(OwnClient.principal("alice"), kdc.lab.realm()),
                AsReq.class);
        PaData padata = new PaData();
        IntStream.of(padataTypes).forEach(t -> padata.addElement(PaDataEncoding.entry(t,
                t == 128 ? PAC_REQUEST_TRUE : new byte[0])));
        request.setPaData(padataTypes.length == 0 ? null : padata);
        KrbError error = KrbCodec.decode(OwnClient.tcp(kdc.lab, KrbCodec.encode(request)), KrbError.class);
        assertEquals(25, error.getErrorCode().getValue(), "KDC_ERR_PREAUTH_REQUIRED: " + error.getEtext());
        return error.getEdata();
    }

    /** KERB-PA-PAC-REQUEST { include-pac [0] TRUE }. */
    private static final byte[] PAC_REQUEST_TRUE = {0x30, 0x05, (byte) 0xa0, 0x03, 0x01, 0x01, (byte) 0xff};

    /**
     * The METHOD-DATA expected when a token was asked for: PA-PK-AS-REQ, then PA-AS-FRESHNESS whose token carries
     * the time the KDC read from its clock (taken from the reply, checked to lie in the exchange) and is otherwise
     * exactly what the realm's current krbtgt key makes for that time.
     */
    private static byte[] expectedWithToken(byte[] eData, Instant before) throws Exception {
        Instant after = Instant.now();
        List<PaDataItem> sent = PaDataEncoding.decodeSequence(eData);
        assertEquals(List.of(19, 16, 150), sent.stream().map(PaDataItem::type).toList());
        byte[] token = sent.get(2).value();
        Instant issued = Instant.ofEpochSecond(Integer.toUnsignedLong(ByteBuffer.wrap(token).getInt()));
        assertTrue(!issued.isBefore(before.minusSeconds(1)) && !issued.isAfter(after.plusSeconds(1)),
                "the token's time " + issued + " lies in the exchange");
        KrbtgtKeys.VersionedKey krbtgt = KrbtgtKeys.load(kdc.lab.layout().krbtgtKeytab(), kdc.lab.realm())
                .ticketKey();
        byte[] expectedToken = new FreshnessTokens(krbtgt.key(), krbtgt.kvno(), Duration.ofMinutes(5),
                Clock.fixed(issued, ZoneOffset.UTC)).issue();
        byte[] pkAsReq = HexFormat.of().parseHex(WITHOUT_TOKEN.substring(4));
        return der(0x30, pkAsReq, der(0x30, der(0xa1, der(0x02, 0x00, (byte) 0x96)),
                der(0xa2, der(0x04, expectedToken))));
    }

    /** A DER TLV (definite length) of the given tag around the concatenated parts. */
    private static byte[] der(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        ByteArrayOutputStream tlv = new ByteArrayOutputStream();
        tlv.write(tag);
        int length = content.size();
        if (length < 0x80) {
            tlv.write(length);
        } else {
            byte[] octets = BigInteger.valueOf(length).toByteArray();
            int skip = octets[0] == 0 ? 1 : 0;
            tlv.write(0x80 | (octets.length - skip));
            tlv.write(octets, skip, octets.length - skip);
        }
        tlv.writeBytes(content.toByteArray());
        return tlv.toByteArray();
    }

    private static byte[] der(int tag, int... octets) {
        byte[] content = new byte[octets.length];
        for (int i = 0; i < octets.length; i++) {
            content[i] = (byte) octets[i];
        }
        return der(tag, content);
    }
}
