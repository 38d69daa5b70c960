package dev.pkinitkdc.pkinit.pac;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * MS-PAC 2.3 PACTYPE: cBuffers, Version 0, the PAC_INFO_BUFFER array, then each buffer's data at an 8-byte aligned
 * Offset (MS-PAC 2.4), cbBufferSize counting the data without its padding.
 */
public record PacType(List<PacInfoBuffer> buffers) {
    /** A PAC with more buffers than this is refused: AD writes about a dozen, each type at most once. */
    public static final int MAX_BUFFERS = 64;
    private static final int HEADER = 8;
    private static final int INFO_BUFFER = 16;

    public PacType {
        buffers = List.copyOf(buffers);
    }

    public byte[] encode() {
        LittleEndianWriter out = new LittleEndianWriter();
        out.u32(buffers.size()).u32(0);
        long offset = HEADER + (long) INFO_BUFFER * buffers.size();
        for (PacInfoBuffer b : buffers) {
            out.u32(b.type()).u32(b.size()).u64(offset);
            offset = (offset + b.size() + 7) & ~7L;
        }
        for (PacInfoBuffer b : buffers) {
            out.align(8).bytes(b.data());
        }
        return out.align(8).toByteArray();
    }

    /** Where a buffer's data lies in an encoded PAC. */
    public record Located(int type, int offset, int size) {
    }

    /**
     * Reads the PACTYPE header of {@code pac}: refuses a version other than 0, more than {@link #MAX_BUFFERS}
     * buffers, a header or buffer past the end, an unaligned or overlapping-the-header offset, and a type twice.
     */
    public static List<Located> locate(byte[] pac) throws MalformedPac {
        ByteBuffer in = ByteBuffer.wrap(pac).order(ByteOrder.LITTLE_ENDIAN);
        if (pac.length < HEADER) {
            throw new MalformedPac("PAC shorter than its header");
        }
        long count = Integer.toUnsignedLong(in.getInt(0));
        if (in.getInt(4) != 0) {
            throw new MalformedPac("PAC version is not 0");
        }
        if (count == 0 || count > MAX_BUFFERS) {
            throw new MalformedPac("PAC buffer count " + count + " out of range 1.." + MAX_BUFFERS);
        }
        long headerEnd = HEADER + INFO_BUFFER * count;
        if (headerEnd > pac.length) {
            throw new MalformedPac("PAC buffer array runs past the end");
        }
        List<Located> located = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int at = HEADER + INFO_BUFFER * i;
            int type = in.getInt(at);
            long size = Integer.toUnsignedLong(in.getInt(at + 4));
            long offset = in.getLong(at + 8);
            if (offset < headerEnd || offset % 8 != 0 || offset > pac.length || size > pac.length - offset) {
                throw new MalformedPac("PAC buffer of type " + Integer.toUnsignedString(type)
                        + " lies outside the PAC or is unaligned");
            }
            if (!seen.add(type)) {
                throw new MalformedPac("PAC buffer type " + Integer.toUnsignedString(type) + " appears twice");
            }
            located.add(new Located(type, (int) offset, (int) size));
        }
        return located;
    }

    /** Decodes an encoded PAC into its buffers, with the checks of {@link #locate}. */
    public static PacType decode(byte[] pac) throws MalformedPac {
        List<PacInfoBuffer> buffers = new ArrayList<>();
        for (Located l : locate(pac)) {
            buffers.add(new PacInfoBuffer(l.type(), java.util.Arrays.copyOfRange(pac, l.offset(),
                    l.offset() + l.size())));
        }
        return new PacType(buffers);
    }

    /** The data of the buffer of {@code type}, if there is one. */
    public java.util.Optional<byte[]> buffer(int type) {
        return buffers.stream().filter(b -> b.type() == type).findFirst().map(PacInfoBuffer::data);
    }

    /** A PAC that does not parse. */
    public static final class MalformedPac extends Exception {
        public MalformedPac(String message) {
            super(message);
        }
    }
}
