package dev.pkinitkdc.pkinit.enctype;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8009 appendix A: every published test vector, plus the refusals the vectors cannot show. */
class Rfc8009ProfileTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String BASE128 = "3705D96080C17728A0E800EAB6E0D23C";
    private static final String BASE256 = "6D404D37FAF79F9DF0D33568D320669800EB4836472EA8A026D16B7182460C52";

    private static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    private static Rfc8009Profile profile(int etype) {
        return etype == 19 ? Rfc8009Profile.AES128_SHA256 : Rfc8009Profile.AES256_SHA384;
    }

    /** A: PBKDF2 string-to-key, 32768 iterations, salt = 16 random bytes | "ATHENA.MIT.EDUraeburn". */
    @ParameterizedTest
    @CsvSource({
        "19, 089BCA48B105EA6EA77CA5D2F39DC5E7",
        "20, 45BD806DBF6A833A9CFFC1C94589A222367A79BC21C413718906E9F578A78467"})
    void stringToKey(int etype, String expected) {
        byte[] salt = concat(hex("10DF9DD783E5BC8ACEA1730E74355F61"),
                "ATHENA.MIT.EDUraeburn".getBytes(StandardCharsets.US_ASCII));
        assertEquals(expected, HEX.formatHex(profile(etype).stringToKey("password".toCharArray(), salt, 32768)));
        assertEquals(expected, HEX.formatHex(profile(etype).stringToKey("password".toCharArray(), salt)),
                "32768 is the default iteration count");
    }

    /** A: key derivation for key usage 2. */
    @ParameterizedTest
    @CsvSource({
        "19, " + BASE128 + ", B31A018A48F54776F403E9A396325DC3, 9B197DD1E8C5609D6E67C3E37C62C72E,"
                + " 9FDA0E56AB2D85E1569A688696C26A6C",
        "20, " + BASE256 + ", EF5718BE86CC84963D8BBB5031E9F5C4BA41F28FAF69E73D,"
                + " 56AB22BEE63D82D7BC5227F6773F8EA7A5EB1C825160C38312980C442E5C7E49,"
                + " 69B16514E3CD8E56B82010D5C73012B622C4D00FFC23ED1F"})
    void keyDerivation(int etype, String base, String kc, String ke, String ki) {
        Rfc8009Profile p = profile(etype);
        assertEquals(kc, HEX.formatHex(p.checksumKey(hex(base), 2)));
        assertEquals(ke, HEX.formatHex(p.encryptionKey(hex(base), 2)));
        assertEquals(ki, HEX.formatHex(p.integrityKey(hex(base), 2)));
    }

    /** A: pseudo-random function of "test". */
    @ParameterizedTest
    @CsvSource({
        "19, " + BASE128 + ", 9D188616F63852FE86915BB840B4A886FF3E6BB0F819B49B893393D393854295",
        "20, " + BASE256 + ", 9801F69A368C2BF675E59521E177D9A07F67EFE1CFDE8D3C8D6F6A0256E3B17D"
                + "B3C1B62AD1B8553360D17367EB1514D2"})
    void prf(int etype, String base, String expected) {
        assertEquals(expected, HEX.formatHex(profile(etype).prf(hex(base), "test".getBytes(StandardCharsets.US_ASCII))));
    }

    /** A: sample encryptions (usage 2) with the given confounders: empty, short, one block, more than one block. */
    @ParameterizedTest
    @CsvSource({
        "19, '', 7E5895EAF2672435BAD817F545A37148,"
                + " EF85FB890BB8472F4DAB20394DCA781DAD877EDA39D50C870C0D5A0A8E48C718",
        "19, 000102030405, 7BCA285E2FD4130FB55B1A5C83BC5B24,"
                + " 84D7F30754ED987BAB0BF3506BEB09CFB55402CEF7E6877CE99E247E52D16ED4421DFDF8976C",
        "19, 000102030405060708090A0B0C0D0E0F, 56AB21713FF62C0A1457200F6FA9948F,"
                + " 3517D640F50DDC8AD3628722B3569D2AE07493FA8263254080EA65C1008E8FC295FB4852E7D83E1E7C48C37EEBE6B0D3",
        "19, 000102030405060708090A0B0C0D0E0F1011121314, A7A4E29A4728CE10664FB64E49AD3FAC,"
                + " 720F73B18D9859CD6CCB4346115CD336C70F58EDC0C4437C5573544C31C813BCE1E6D072C186B39A413C2F92CA9B8334A287FFCBFC",
        "20, '', F764E9FA15C276478B2C7D0C4E5F58E4,"
                + " 41F53FA5BFE7026D91FAF9BE959195A058707273A96A40F0A01960621AC612748B9BBFBE7EB4CE3C",
        "20, 000102030405, B80D3251C1F6471494256FFE712D0B9A,"
                + " 4ED7B37C2BCAC8F74F23C1CF07E62BC7B75FB3F637B9F559C7F664F69EAB7B6092237526EA0D1F61CB20D69D10F2",
        "20, 000102030405060708090A0B0C0D0E0F, 53BF8A0D105265D4E276428624CE5E63,"
                + " BC47FFEC7998EB91E8115CF8D19DAC4BBBE2E163E87DD37F49BECA92027764F68CF51F14D798C2273F35DF574D1F932E40C4FF255B36A266",
        "20, 000102030405060708090A0B0C0D0E0F1011121314, 763E65367E864F02F55153C7E3B58AF1,"
                + " 40013E2DF58E8751957D2878BCD2D6FE101CCFD556CB1EAE79DB3C3EE86429F2B2A602AC86FEF6ECB647D6295FAE077A1FEB517508D2C16B4192E01F62"})
    void encryption(int etype, String plain, String confounder, String expected) throws Exception {
        Rfc8009Profile p = profile(etype);
        byte[] base = hex(etype == 19 ? BASE128 : BASE256);
        byte[] cipher = p.encrypt(base, 2, hex(plain), hex(confounder));
        assertEquals(expected, HEX.formatHex(cipher));
        assertArrayEquals(hex(plain), p.decrypt(base, 2, cipher));
    }

    /** A: checksums (usage 2) of the 21-byte message. */
    @ParameterizedTest
    @CsvSource({
        "19, " + BASE128 + ", D78367186643D67B411CBA9139FC1DEE",
        "20, " + BASE256 + ", 45EE791567EEFCA37F4AC1E0222DE80D43C3BFA06699672A"})
    void checksum(int etype, String base, String expected) {
        byte[] msg = hex("000102030405060708090A0B0C0D0E0F1011121314");
        assertEquals(expected, HEX.formatHex(profile(etype).checksum(hex(base), 2, msg)));
        assertEquals(etype, profile(etype).checksumType());
    }

    @ParameterizedTest
    @CsvSource({"19", "20"})
    void refusesModifiedCiphertextWrongUsageAndShortInput(int etype) {
        Rfc8009Profile p = profile(etype);
        byte[] base = hex(etype == 19 ? BASE128 : BASE256);
        byte[] cipher = p.encrypt(base, 3, "the session key goes here".getBytes(StandardCharsets.US_ASCII));
        assertThrows(IntegrityCheckFailed.class, () -> p.decrypt(base, 2, cipher), "another usage");
        byte[] flipped = cipher.clone();
        flipped[5] ^= 1;
        assertThrows(IntegrityCheckFailed.class, () -> p.decrypt(base, 3, flipped), "a flipped bit");
        byte[] macFlipped = cipher.clone();
        macFlipped[macFlipped.length - 1] ^= (byte) 0x80;
        assertThrows(IntegrityCheckFailed.class, () -> p.decrypt(base, 3, macFlipped), "a flipped tag bit");
        assertThrows(IntegrityCheckFailed.class, () -> p.decrypt(base, 3, new byte[20]), "too short");
    }

    @Test
    void roundTripsAcrossCtsBoundaries() throws Exception {
        for (Rfc8009Profile p : new Rfc8009Profile[] {Rfc8009Profile.AES128_SHA256, Rfc8009Profile.AES256_SHA384}) {
            byte[] key = new byte[p.enctype().keySize()];
            for (int len : new int[] {0, 1, 15, 16, 17, 31, 32, 33, 100}) {
                byte[] plain = new byte[len];
                for (int i = 0; i < len; i++) {
                    plain[i] = (byte) (i * 31);
                }
                assertArrayEquals(plain, p.decrypt(key, 3, p.encrypt(key, 3, plain)), p.enctype() + " " + len);
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
