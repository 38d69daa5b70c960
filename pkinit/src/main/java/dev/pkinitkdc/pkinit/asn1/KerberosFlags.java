package dev.pkinitkdc.pkinit.asn1;

import java.util.Arrays;

/**
 * RFC 4120 5.2.8 KerberosFlags ::= BIT STRING (SIZE (32..MAX)), read as MIT krb5 reads it (asn1_decode_bitstring
 * accepts any length): bits not sent are zero, bits past the 32nd are ignored, the unused bits of the last octet
 * are ignored whatever they hold. Several AD-oriented clients (asn1crypto's minimal named-bit encoding) send
 * fewer than 32 bits; Kerby refuses them, so the KDC reads the flags here and hands Kerby a 32-bit copy.
 */
public record KerberosFlags(int bits) {
    private static final int BIT_STRING = 0x03;

    /** Flag {@code n} (0 = most significant, RFC 4120 numbering) is set. */
    public boolean isSet(int n) {
        return n >= 0 && n < 32 && (bits & (0x80000000 >>> n)) != 0;
    }

    /** A BIT STRING TLV of any length; a non-BIT STRING or an unused-bit count over 7 is an error. */
    public static KerberosFlags decode(byte[] tlv) {
        if (tlv.length < 3 || (tlv[0] & 0xff) != BIT_STRING || (tlv[1] & 0xff) != tlv.length - 2) {
            throw new IllegalArgumentException("KerberosFlags is not a short-form BIT STRING");
        }
        int unused = tlv[2] & 0xff;
        int octets = tlv.length - 3;
        if (unused > 7 || (octets == 0 && unused != 0)) {
            throw new IllegalArgumentException("KerberosFlags with " + unused + " unused bits");
        }
        int bits = 0;
        for (int i = 0; i < Math.min(octets, 4); i++) {
            int octet = tlv[3 + i] & 0xff;
            if (i == octets - 1) {
                octet &= 0xff << unused; // X.690 8.6.2.3: unused bits carry no value
            }
            bits |= octet << (24 - 8 * i);
        }
        return new KerberosFlags(bits);
    }

    /**
     * The same KDC-REQ with its kdc-options in 32 bits, for decoders (Kerby's) that take no other length; the
     * bytes on the wire, which the paChecksum covers, are kept by the caller. Unchanged when already 32 bits.
     */
    public static byte[] with32BitKdcOptions(byte[] kdcReq) {
        byte[] body = KdcReqEncoding.reqBody(kdcReq);
        byte[] options = KdcReqEncoding.kdcOptions(body);
        byte[] standard = decode(options).encode32();
        return Arrays.equals(options, standard) ? kdcReq
                : KdcReqEncoding.withReqBody(kdcReq, KdcReqEncoding.withKdcOptions(body, standard));
    }

    /** RFC 4120 5.2.8: exactly 32 bits, the form this KDC sends and Kerby accepts. */
    public byte[] encode32() {
        return new byte[] {BIT_STRING, 5, 0, (byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8),
                (byte) bits};
    }

    /**
     * X.690 11.2.2's minimal named-bit form, trailing zero bits removed (what asn1crypto sends; RFC 4120 asks for
     * at least 32 bits): no flags is {@code 03 01 00}. For clients imitating those tools.
     */
    public byte[] encodeMinimal() {
        if (bits == 0) {
            return new byte[] {BIT_STRING, 1, 0};
        }
        int length = 32 - Integer.numberOfTrailingZeros(bits);
        int octets = (length + 7) / 8;
        byte[] out = new byte[3 + octets];
        out[0] = BIT_STRING;
        out[1] = (byte) (octets + 1);
        out[2] = (byte) (octets * 8 - length);
        for (int i = 0; i < octets; i++) {
            out[3 + i] = (byte) (bits >>> (24 - 8 * i));
        }
        return out;
    }
}
