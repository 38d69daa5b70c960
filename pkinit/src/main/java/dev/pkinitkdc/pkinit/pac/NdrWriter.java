package dev.pkinitkdc.pkinit.pac;

import java.util.function.Consumer;

/**
 * The little of NDR (C706 chapter 14, MS-RPCE 2.2.5) that the PAC needs: scalars aligned to their size, unique
 * pointers as referent ids, and the referents of embedded pointers deferred until after the structure that holds
 * them (C706 14.3.12.3), written depth first as MIDL stubs do.
 */
final class NdrWriter {
    /** The first referent id MIDL-generated stubs use; each later non-null pointer adds 4. */
    private static final int FIRST_REFERENT_ID = 0x00020000;
    private final LittleEndianWriter out = new LittleEndianWriter();
    private final DeferredReferents<NdrWriter> deferred = new DeferredReferents<>();
    private int nextReferentId = FIRST_REFERENT_ID;

    NdrWriter u16(int v) {
        out.align(2).u16(v);
        return this;
    }

    NdrWriter u32(int v) {
        out.align(4).u32(v);
        return this;
    }

    /** FILETIME: two DWORDs, so 4-byte aligned (MS-DTYP 2.3.3). */
    NdrWriter fileTime(long v) {
        out.align(4).u64(v);
        return this;
    }

    NdrWriter bytes(byte[] b) {
        out.bytes(b);
        return this;
    }

    /** A unique pointer: 0 when {@code referent} is null, else a referent id, its referent written later. */
    NdrWriter pointer(Consumer<NdrWriter> referent) {
        if (referent == null) {
            return u32(0);
        }
        u32(nextReferentId);
        nextReferentId += 4;
        deferred.add(referent);
        return this;
    }

    /**
     * Writes the structure {@code body}, then the referents of the pointers it embedded, each with its own
     * embedded referents right after it.
     */
    NdrWriter structure(Consumer<NdrWriter> body) {
        deferred.structure(this, body);
        return this;
    }

    /** RPC_UNICODE_STRING (MS-DTYP 2.3.10): Length, MaximumLength in bytes, and a pointer to the characters. */
    NdrWriter unicodeString(String s) {
        byte[] chars = LittleEndianWriter.utf16(s);
        u16(chars.length).u16(chars.length);
        return pointer(s.isEmpty() ? null : w -> w.u32(chars.length / 2).u32(0).u32(chars.length / 2).bytes(chars));
    }

    /** RPC_SID (MS-DTYP 2.4.2.3): the conformant count first, then Revision, count, authority, sub-authorities. */
    NdrWriter sid(Sid sid) {
        int[] sub = sid.subAuthorities();
        u32(sub.length);
        byte[] binary = sid.toBytes();
        out.bytes(java.util.Arrays.copyOf(binary, 8));
        for (int s : sub) {
            u32(s);
        }
        return this;
    }

    int position() {
        return out.position();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
