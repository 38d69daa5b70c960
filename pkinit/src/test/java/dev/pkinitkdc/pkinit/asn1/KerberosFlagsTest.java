package dev.pkinitkdc.pkinit.asn1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class KerberosFlagsTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    /** asn1crypto's minimal named-bit form: trailing zero bits dropped, the count of unused bits in front. */
    @Test
    void minimalFormDropsTrailingZeroBitsAndReadsBack() {
        assertArrayEquals(hex("030100"), new KerberosFlags(0).encodeMinimal());
        assertArrayEquals(hex("03020640"), new KerberosFlags(0x40000000).encodeMinimal());      // forwardable
        assertArrayEquals(hex("03050440800010"), new KerberosFlags(0x40800010).encodeMinimal());
        for (int bits : List.of(0, 1, 0x40000000, 0x50800010, 0x80000000, -1)) {
            KerberosFlags flags = new KerberosFlags(bits);
            assertEquals(flags, KerberosFlags.decode(flags.encodeMinimal()));
            assertEquals(flags, KerberosFlags.decode(flags.encode32()));
        }
    }

    @Test
    void unusedBitsAndBitsPastThe32ndCarryNoValue() {
        assertEquals(new KerberosFlags(0), KerberosFlags.decode(hex("0302077f")));
        assertEquals(new KerberosFlags(0x40000001), KerberosFlags.decode(hex("03060040000001ff")));
        assertEquals(true, KerberosFlags.decode(hex("03020640")).isSet(1));
    }

    @Test
    void whatIsNoBitStringIsRefused() {
        for (String bad : List.of("0300", "030108", "03020840", "020100", "0303000000ff")) {
            assertThrows(IllegalArgumentException.class, () -> KerberosFlags.decode(hex(bad)), bad);
        }
    }
}
