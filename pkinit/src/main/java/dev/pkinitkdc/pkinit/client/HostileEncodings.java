package dev.pkinitkdc.pkinit.client;

import dev.pkinitkdc.pkinit.asn1.Der;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Encodings a hostile client sends, for tests of the KDC's decoders (X.690): nesting far past any real message,
 * BER where DER is required, bytes after the message. Each works on the bytes, never through a parser.
 */
public final class HostileEncodings {
    private HostileEncodings() {
    }

    /** {@code depth} constructed elements of {@code tag}, each inside the last, with definite lengths. */
    public static byte[] nested(int depth, int tag) {
        int[] lengths = new int[depth];
        int inner = 0;
        for (int i = depth - 1; i >= 0; i--) {
            lengths[i] = inner;
            inner += 1 + lengthOctets(inner).length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(inner);
        for (int i = 0; i < depth; i++) {
            out.write(tag);
            out.writeBytes(lengthOctets(lengths[i]));
        }
        return out.toByteArray();
    }

    /** {@code depth} constructed elements of {@code tag} with indefinite lengths (X.690 8.1.3.6): 4 bytes a level. */
    public static byte[] nestedIndefinite(int depth, int tag) {
        byte[] out = new byte[depth * 4];
        for (int i = 0; i < depth; i++) {
            out[2 * i] = (byte) tag;
            out[2 * i + 1] = (byte) 0x80;
        }
        return out;
    }

    /** The same element with its outermost length made indefinite (BER, never DER). */
    public static byte[] outerIndefinite(byte[] der) {
        int contentStart = contentStart(der);
        ByteArrayOutputStream out = new ByteArrayOutputStream(der.length + 4);
        out.write(der[0]);
        out.write(0x80);
        out.write(der, contentStart, der.length - contentStart);
        out.write(0);
        out.write(0);
        return out.toByteArray();
    }

    /** The same element with its outermost length in one octet more than needed (BER, never DER: X.690 10.1). */
    public static byte[] outerLengthPadded(byte[] der) {
        int contentStart = contentStart(der);
        byte[] minimal = lengthOctets(der.length - contentStart);
        byte[] padded = new byte[minimal.length + 1];
        padded[0] = (byte) (0x80 | minimal.length);
        if (minimal.length == 1) {
            padded[1] = minimal[0];                       // short form written as long: 81 LL
        } else {
            System.arraycopy(minimal, 1, padded, 2, minimal.length - 1); // a leading zero octet: 8n+1 00 LL..
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(der.length + 1);
        out.write(der[0]);
        out.writeBytes(padded);
        out.write(der, contentStart, der.length - contentStart);
        return out.toByteArray();
    }

    /** A DER TLV with a one-octet tag around {@code content}. */
    public static byte[] tlv(int tag, byte[] content) {
        return Der.tlv(tag, content);
    }

    /** {@code der} followed by {@code extra}. */
    public static byte[] trailing(byte[] der, byte... extra) {
        byte[] out = Arrays.copyOf(der, der.length + extra.length);
        System.arraycopy(extra, 0, out, der.length, extra.length);
        return out;
    }

    private static int contentStart(byte[] der) {
        int first = der[1] & 0xff;
        return first < 0x80 ? 2 : 2 + (first & 0x7f);
    }

    private static byte[] lengthOctets(int length) {
        return Der.lengthOctets(length);
    }
}
