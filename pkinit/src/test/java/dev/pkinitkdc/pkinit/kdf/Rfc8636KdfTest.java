package dev.pkinitkdc.pkinit.kdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.pkinitkdc.pkinit.cert.KerberosPrincipalName;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.testing.OpenSslCli;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8636 appendix A test vectors (Z = 256 zero bytes, client lha@SU.SE, TGS krbtgt/SU.SE@SU.SE). */
class Rfc8636KdfTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final KerberosPrincipalName CLIENT = new KerberosPrincipalName("SU.SE", 1, List.of("lha"));
    private static final KerberosPrincipalName TGS =
            new KerberosPrincipalName("SU.SE", 1, List.of("krbtgt", "SU.SE"));

    private static KdfInput vectorInput(Enctype enctype) {
        byte[] asReq = new byte[10];
        Arrays.fill(asReq, (byte) 0xaa);
        byte[] pkAsRep = new byte[9];
        Arrays.fill(pkAsRep, (byte) 0xbb);
        return new KdfInput(new byte[256], null, null, enctype, CLIENT, TGS, asReq, pkAsRep);
    }

    @Test
    void sha1KdfMatchesRfc8636VectorForAes256() {
        assertEquals("e6ab38c9413e035bb079201ed0b6b73d8d49a814a737c04ee6649614206f73ad",
                HEX.formatHex(Rfc8636Kdf.SHA1.deriveKey(vectorInput(Enctype.AES256_CTS_HMAC_SHA1_96))
                        .getKeyData()));
    }

    @Test
    void sha256KdfMatchesRfc8636VectorForAes256() {
        assertEquals("77ef4e48c420ae3fec75109d7981697eed5d295c90c62564f7bfd101fa9bc1d5",
                HEX.formatHex(Rfc8636Kdf.SHA256.deriveKey(vectorInput(Enctype.AES256_CTS_HMAC_SHA1_96))
                        .getKeyData()));
    }

    @Test
    void sha512KdfMatchesRfc8636VectorForDes3SeedLength() {
        KdfInput in = vectorInput(Enctype.AES256_CTS_HMAC_SHA1_96);
        int des3CbcSha1Kd = 16; // the vector's enctype, which this project does not issue
        assertEquals("d3c78b78d75313e9a926f75dfb012363fa17fa01db", HEX.formatHex(Rfc8636Kdf.SHA512.derive(
                in.sharedSecret(), Rfc8636Kdf.SHA512.otherInfo(in, des3CbcSha1Kd), 21)));
    }

    @Test
    void otherInfoEncodingMatchesRfc8636Vector() {
        assertEquals("307e300a06082b06010502030602a01f041d301ba0071b0553552e5345a110300ea003020101a10730051b03"
                        + "6c6861a12904273025a0071b0553552e5345a11a3018a003020101a111300f1b066b72627467741b0553552e"
                        + "5345a22404223020a003020112a10c040aaaaaaaaaaaaaaaaaaaaaa20b0409bbbbbbbbbbbbbbbbbb",
                HEX.formatHex(Rfc8636Kdf.SHA256.otherInfo(vectorInput(Enctype.AES256_CTS_HMAC_SHA1_96))));
    }

    @Test
    void aes128KeyIsSixteenBytesAndDiffersFromTheAes256KeyPrefix() {
        byte[] k128 = Rfc8636Kdf.SHA256.deriveKey(vectorInput(Enctype.AES128_CTS_HMAC_SHA1_96)).getKeyData();
        assertEquals(16, k128.length);
        // the enctype is in OtherInfo, so the 16 bytes differ from the aes256 key's first 16
        byte[] k256 = Rfc8636Kdf.SHA256.deriveKey(vectorInput(Enctype.AES256_CTS_HMAC_SHA1_96)).getKeyData();
        assertNotEquals(HEX.formatHex(k128), HEX.formatHex(Arrays.copyOf(k256, 16)));
    }

    /** The expectations come from {@code openssl dgst -sha1} (OpenSslCli), not from the code under test. */
    @Test
    void octetString2KeyIsSha1OfCounterAndSecretTruncated() {
        byte[] x = HEX.parseHex("0102030405");
        byte[] b0 = OpenSslCli.sha1(HEX.parseHex("000102030405"));
        byte[] b1 = OpenSslCli.sha1(HEX.parseHex("010102030405"));
        byte[] expected = new byte[32];
        System.arraycopy(b0, 0, expected, 0, 20);
        System.arraycopy(b1, 0, expected, 20, 12);
        assertArrayEquals(expected, OctetString2Key.octetString2Key(x, 32));
    }

    @Test
    void octetString2KeyAppendsBothDhNoncesWhenPresent() {
        byte[] z = HEX.parseHex("aabb");
        byte[] nc = HEX.parseHex("01");
        byte[] ns = HEX.parseHex("02");
        var withNonces = OctetString2Key.INSTANCE.deriveKey(
                new KdfInput(z, nc, ns, Enctype.AES256_CTS_HMAC_SHA1_96, CLIENT, TGS, new byte[0], new byte[0]));
        assertArrayEquals(OpenSslCli.octetString2Key(HEX.parseHex("aabb0102"), 32), withNonces.getKeyData());
    }
}
