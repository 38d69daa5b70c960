package dev.pkinitkdc.pkinit.pac;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads what {@link NdrWriter} writes, from hostile bytes: every read is bounds-checked, every conformant count
 * is checked against the bytes left before anything is allocated, and the shapes are fixed by the caller, so no
 * input can make it recurse or loop beyond its length. Any violation is a {@link Malformed}.
 */
final class NdrReader {
    private final ByteBuffer in;
    private final DeferredReferents<NdrReader> deferred = new DeferredReferents<>();

    NdrReader(byte[] data, int offset, int length) {
        this.in = ByteBuffer.wrap(data, offset, length).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private void align(int n) {
        int pad = (n - in.position() % n) % n;
        need(pad);
        in.position(in.position() + pad);
    }

    private void need(long n) {
        if (n < 0 || n > in.remaining()) {
            throw new Malformed("NDR data ends early");
        }
    }

    int u16() {
        align(2);
        need(2);
        return Short.toUnsignedInt(in.getShort());
    }

    int u32() {
        align(4);
        need(4);
        return in.getInt();
    }

    long fileTime() {
        align(4);
        need(8);
        return in.getLong();
    }

    void skip(int n) {
        need(n);
        in.position(in.position() + n);
    }

    /** A conformant count that must be followed by at least {@code count * elementSize} bytes. */
    int count(int elementSize) {
        long count = Integer.toUnsignedLong(u32());
        need(count * elementSize);
        return (int) count;
    }

    /** A unique pointer: false when null, else its referent is read by {@code referent} after the structure. */
    boolean pointer(Consumer<NdrReader> referent) {
        if (u32() == 0) {
            return false;
        }
        deferred.add(referent);
        return true;
    }

    /** Reads a structure, then the referents of its pointers depth first, as {@link NdrWriter#structure}. */
    void structure(Consumer<NdrReader> body) {
        deferred.structure(this, body);
    }

    /** RPC_UNICODE_STRING; the characters arrive through {@code sink} once the referents are read. */
    void unicodeString(Consumer<String> sink) {
        int length = u16();
        int maximum = u16();
        if (length % 2 != 0 || length > maximum) {
            throw new Malformed("RPC_UNICODE_STRING lengths are inconsistent");
        }
        if (!pointer(r -> sink.accept(r.characters(length / 2)))) {
            if (length != 0) {
                throw new Malformed("RPC_UNICODE_STRING has a length but no characters");
            }
            sink.accept("");
        }
    }

    private String characters(int expected) {
        int max = count(0);
        int offset = u32();
        int actual = count(2);
        if (offset != 0 || actual != expected || actual > max) {
            throw new Malformed("RPC_UNICODE_STRING array does not match its lengths");
        }
        byte[] chars = new byte[actual * 2];
        in.get(chars);
        return new String(chars, StandardCharsets.UTF_16LE);
    }

    /** RPC_SID, at most 15 sub-authorities. */
    Sid sid() {
        int count = count(4);
        need(8);
        int revision = Byte.toUnsignedInt(in.get());
        int subCount = Byte.toUnsignedInt(in.get());
        if (revision != 1 || subCount != count || count > Sid.MAX_SUB_AUTHORITIES) {
            throw new Malformed("RPC_SID is not revision 1 with at most 15 matching sub-authorities");
        }
        long authority = 0;
        for (int i = 0; i < 6; i++) {
            authority = authority << 8 | Byte.toUnsignedInt(in.get());
        }
        int[] sub = new int[count];
        for (int i = 0; i < count; i++) {
            sub[i] = u32();
        }
        return new Sid(authority, sub);
    }

    /** An NDR stream that breaks a rule. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message);
        }
    }
}
