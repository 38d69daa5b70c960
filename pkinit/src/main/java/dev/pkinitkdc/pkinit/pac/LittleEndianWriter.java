package dev.pkinitkdc.pkinit.pac;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A growing little-endian byte buffer with alignment relative to its start, as NDR and the PAC buffers use. */
class LittleEndianWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    int position() {
        return out.size();
    }

    /** Pads with zero bytes to a multiple of {@code n}. */
    LittleEndianWriter align(int n) {
        while (out.size() % n != 0) {
            out.write(0);
        }
        return this;
    }

    LittleEndianWriter u8(int v) {
        out.write(v);
        return this;
    }

    LittleEndianWriter u16(int v) {
        out.write(v);
        out.write(v >>> 8);
        return this;
    }

    LittleEndianWriter u32(int v) {
        u16(v);
        return u16(v >>> 16);
    }

    LittleEndianWriter u64(long v) {
        u32((int) v);
        return u32((int) (v >>> 32));
    }

    LittleEndianWriter bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
