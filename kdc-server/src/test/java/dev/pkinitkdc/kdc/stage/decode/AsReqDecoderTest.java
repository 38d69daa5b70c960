package dev.pkinitkdc.kdc.stage.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.DecodedAsReq;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.kdc.AsReq;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOption;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOptions;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcReqBody;
import org.apache.kerby.kerberos.kerb.type.kdc.TgsReq;
import org.apache.kerby.kerberos.kerb.type.pa.PaData;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataEntry;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataType;
import org.junit.jupiter.api.Test;

public class AsReqDecoderTest {
    private static final String REALM = "LAB.EXAMPLE";
    private final AsReqDecoder decoder = new AsReqDecoder(REALM, List.of(Enctype.AES256_CTS_HMAC_SHA384_192,
            Enctype.AES256_CTS_HMAC_SHA1_96, Enctype.AES128_CTS_HMAC_SHA1_96));

    /** An AS-REQ for alice, as encoded by Kerby (also used by tests of the later stages). */
    public static byte[] asReq(String realm, List<String> sname, List<Enctype> etypes, int nonce, PaData padata)
            throws Exception {
        return asReq(realm, sname, Enctypes.newReqBody(etypes), nonce, padata);
    }

    /** Alice's AS-REQ for the TGT of {@code realm} (AES256-SHA1, nonce 7) with {@code padata}, decoded. */
    public static AsExchange.Decoded decoded(String realm, PaData padata) throws Exception {
        byte[] wire = asReq(realm, List.of("krbtgt", realm), List.of(Enctype.AES256_CTS_HMAC_SHA1_96), 7, padata);
        return new AsReqDecoder(realm, List.of(Enctype.AES256_CTS_HMAC_SHA1_96)).decode(
                AsExchange.received(new InetSocketAddress("127.0.0.1", 1), Transport.TCP, Instant.now(), wire));
    }

    private static byte[] asReq(String realm, List<String> sname, KdcReqBody body, int nonce, PaData padata)
            throws Exception {
        body.setKdcOptions(new KdcOptions());
        body.setCname(new PrincipalName(List.of("alice"), NameType.NT_PRINCIPAL));
        body.setRealm(realm);
        body.setSname(new PrincipalName(sname, NameType.NT_SRV_INST));
        body.setTill(new KerberosTime(System.currentTimeMillis() / 1000 * 1000 + 3_600_000));
        body.setNonce(nonce);
        AsReq req = new AsReq();
        req.setReqBody(body);
        if (padata != null) {
            req.setPaData(padata);
        }
        return KrbCodec.encode(req);
    }

    private AsExchange.Decoded decode(byte[] wire) throws KdcFailure {
        return decoder.decode(AsExchange.received(new InetSocketAddress("127.0.0.1", 1), Transport.UDP, Instant.now(), wire));
    }

    @Test
    void keepsTheRequestBodyBytesAsReceivedAndTheUnsignedNonce() throws Exception {
        PaData pa = new PaData();
        pa.addElement(new PaDataEntry(PaDataType.PK_AS_REQ, new byte[] {1, 2, 3}));
        byte[] wire = asReq(REALM, List.of("krbtgt", REALM),
                List.of(Enctype.AES128_CTS_HMAC_SHA1_96, Enctype.AES256_CTS_HMAC_SHA1_96), 0x80000001, pa);
        DecodedAsReq r = decode(wire).request();

        byte[] body = KrbCodec.encode(r.message().getReqBody());
        assertArrayEquals(body, r.reqBodyDer());
        int at = indexOf(wire, r.reqBodyDer());
        assertEquals(true, at > 0, "the body bytes are a slice of the wire bytes");
        assertEquals(0x80000001L, r.nonce());
        assertEquals(Enctype.AES128_CTS_HMAC_SHA1_96, r.enctype(), "the client's first offered enctype wins");
        assertArrayEquals(new byte[] {1, 2, 3}, r.padataValue(16));
        assertNull(r.padataValue(150));
    }

    @Test
    void refusesAnotherRealm() {
        KdcFailure f = assertThrows(KdcFailure.class, () -> decode(asReq("OTHER.EXAMPLE",
                List.of("krbtgt", "OTHER.EXAMPLE"), List.of(Enctype.AES256_CTS_HMAC_SHA1_96), 1, null)));
        assertEquals(FailureReason.WRONG_REALM, f.reason());
    }

    @Test
    void refusesServicesOtherThanTheTgs() {
        KdcFailure f = assertThrows(KdcFailure.class, () -> decode(asReq(REALM, List.of("host", "x.lab.example"),
                List.of(Enctype.AES256_CTS_HMAC_SHA1_96), 1, null)));
        assertEquals(FailureReason.SERVER_UNKNOWN, f.reason());
    }

    @Test
    void refusesWhenNoOfferedEnctypeIsShared() {
        KdcFailure f = assertThrows(KdcFailure.class, () -> decode(asReq(REALM, List.of("krbtgt", REALM),
                des3Only(), 1, null)));
        assertEquals(FailureReason.ENCTYPE_NOT_SUPPORTED, f.reason());
    }

    /** Kerby reads etypes 19 and 20 as NONE; the decoder takes the numbers from the wire (RFC 4120 3.1.3). */
    @Test
    void choosesRfc8009EnctypesByTheirNumbersInTheClientsOrder() throws Exception {
        byte[] wire = asReq(REALM, List.of("krbtgt", REALM), List.of(Enctype.AES128_CTS_HMAC_SHA256_128,
                Enctype.AES256_CTS_HMAC_SHA384_192, Enctype.AES256_CTS_HMAC_SHA1_96), 1, null);
        assertEquals(Enctype.AES256_CTS_HMAC_SHA384_192, decode(wire).request().enctype(),
                "19 is not offered here, so the client's next choice, 20, wins");
        assertEquals(Optional.of("aes256-cts-hmac-sha384-192"), decode(wire).audit().value("enctype"));
    }

    private static KdcReqBody des3Only() {
        KdcReqBody body = new KdcReqBody();
        body.setEtypes(List.of(EncryptionType.DES3_CBC_SHA1_KD));
        return body;
    }

    @Test
    void garbageAndTruncationAreMalformedRequests() throws Exception {
        byte[] wire = asReq(REALM, List.of("krbtgt", REALM), List.of(Enctype.AES256_CTS_HMAC_SHA1_96), 1, null);
        for (byte[] bad : List.of(new byte[] {0x6a, (byte) 0x84, 0x7f, 0, 0, 0}, Arrays.copyOf(wire, wire.length - 3),
                new byte[0], "GET / HTTP/1.0".getBytes())) {
            KdcFailure f = assertThrows(KdcFailure.class, () -> decode(bad));
            assertEquals(FailureReason.MALFORMED_REQUEST, f.reason());
        }
    }

    @Test
    void tgsRequestsAreNotServed() throws Exception {
        TgsReq tgs = new TgsReq();
        KdcReqBody body = new KdcReqBody();
        body.setKdcOptions(new KdcOptions());
        body.setRealm("LAB.EXAMPLE");
        body.setNonce(7);
        body.setTill(new KerberosTime(0));
        body.setEtypes(List.of(EncryptionType.AES256_CTS_HMAC_SHA1_96));
        tgs.setReqBody(body);
        PaData padata = new PaData();
        padata.addElement(new PaDataEntry(PaDataType.TGS_REQ, new byte[] {0x6e, 0x00}));
        tgs.setPaData(padata);
        KdcFailure f = assertThrows(KdcFailure.class, () -> decode(KrbCodec.encode(tgs)));
        assertEquals(FailureReason.MESSAGE_TYPE_NOT_SUPPORTED, f.reason());
    }

    /** Four forged bytes tagged TGS-REQ are malformed, not a 40 many times their size (no UDP reply, as MIT). */
    @Test
    void aTgsReqThatDoesNotDecodeIsMalformed() {
        for (byte[] bad : List.of(new byte[] {0x6c, 0x02, 0x30, 0x00}, new byte[] {0x6c, 0x00},
                new byte[] {0x6c, 0x03, 0x30, 0x01, 0x00})) {
            assertEquals(FailureReason.MALFORMED_REQUEST, assertThrows(KdcFailure.class, () -> decode(bad)).reason());
        }
    }

    /**
     * RFC 4120 5.2.8 flags of any length, as MIT reads them (asn1crypto-based clients send the minimal named-bit
     * form): the request decodes, the flags read as sent, and the body bytes the paChecksum covers are those sent.
     */
    @Test
    void kdcOptionsShorterThan32BitsOrWithUnusedBitsAreRead() throws Exception {
        byte[] wire = asReq(REALM, List.of("krbtgt", REALM), List.of(Enctype.AES256_CTS_HMAC_SHA1_96), 1, null);
        byte[] body = KdcReqEncoding.reqBody(wire);
        record Case(String hex, boolean forwardable, boolean renewableOk) { }
        for (Case c : List.of(new Case("030100", false, false),          // no flags, no octets
                new Case("03020640", true, false),                        // forwardable (bit 1), 6 unused bits
                new Case("0302077f", false, false),                       // unused bits set: ignored (X.690 8.6.2.3)
                new Case("0303064010", true, false),                      // 10 bits: renewable-ok (27) not sent
                new Case("030400400000", true, false),                    // 32 bits less one octet
                new Case("0306004000001000", true, true),                 // 40 bits: past the 32nd ignored
                new Case("03050040000010", true, true))) {                // forwardable, renewable-ok
            byte[] options = HexFormat.of().parseHex(c.hex());
            byte[] shortWire = KdcReqEncoding.withReqBody(wire, KdcReqEncoding.withKdcOptions(body, options));
            DecodedAsReq r = decode(shortWire).request();
            assertArrayEquals(KdcReqEncoding.reqBody(shortWire), r.reqBodyDer(), c.hex());
            assertArrayEquals(options, KdcReqEncoding.kdcOptions(r.reqBodyDer()), c.hex());
            assertEquals(c.forwardable(), r.message().getReqBody().getKdcOptions().isFlagSet(KdcOption.FORWARDABLE),
                    c.hex());
            assertEquals(c.renewableOk(), r.message().getReqBody().getKdcOptions()
                    .isFlagSet(KdcOption.RENEWABLE_OK), c.hex());
        }
    }

    @Test
    void kdcOptionsThatAreNoBitStringAreMalformed() throws Exception {
        byte[] wire = asReq(REALM, List.of("krbtgt", REALM), List.of(Enctype.AES256_CTS_HMAC_SHA1_96), 1, null);
        byte[] body = KdcReqEncoding.reqBody(wire);
        for (String hex : List.of("0300", "030108", "020100", "03020840")) {
            byte[] bad = KdcReqEncoding.withReqBody(wire,
                    KdcReqEncoding.withKdcOptions(body, HexFormat.of().parseHex(hex)));
            assertEquals(FailureReason.MALFORMED_REQUEST, assertThrows(KdcFailure.class, () -> decode(bad)).reason(),
                    hex);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
