package dev.pkinitkdc.kdc.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A DER TLV located inside a byte array, so that a part of a message can be taken exactly as it was sent
 * (RFC 4556 3.2.2: the paChecksum covers the KDC-REQ-BODY as the client encoded it). Definite lengths only,
 * as RFC 4120 5.1 requires DER.
 */
record DerElement(byte[] source, int start, int tag, int contentStart, int end) {

    static DerElement read(byte[] source, int offset, int limit) {
        int pos = offset;
        if (pos >= limit) {
            throw new IllegalArgumentException("truncated: no tag at " + offset);
        }
        int tag = source[pos++] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            throw new IllegalArgumentException("multi-byte tags are not used by Kerberos");
        }
        if (pos >= limit) {
            throw new IllegalArgumentException("truncated: no length at " + pos);
        }
        int first = source[pos++] & 0xff;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int n = first & 0x7f;
            if (n == 0 || n > 4) {
                throw new IllegalArgumentException("unsupported length form at " + (pos - 1));
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                if (pos >= limit) {
                    throw new IllegalArgumentException("truncated length");
                }
                length = (length << 8) | (source[pos++] & 0xff);
            }
        }
        if (length > limit - pos) {
            throw new IllegalArgumentException("length " + length + " runs past the end");
        }
        return new DerElement(source, offset, tag, pos, pos + (int) length);
    }

    static DerElement read(byte[] source) {
        DerElement e = read(source, 0, source.length);
        if (e.end != source.length) {
            throw new IllegalArgumentException("trailing bytes after the message");
        }
        return e;
    }

    /** The elements inside a constructed element. */
    List<DerElement> children() {
        List<DerElement> out = new ArrayList<>();
        int pos = contentStart;
        while (pos < end) {
            DerElement child = read(source, pos, end);
            out.add(child);
            pos = child.end;
        }
        return out;
    }

    /** The single element inside a context-specific explicit tag. */
    DerElement explicitContent() {
        List<DerElement> c = children();
        if (c.size() != 1) {
            throw new IllegalArgumentException("explicit tag holds " + c.size() + " elements");
        }
        return c.get(0);
    }

    byte[] encoded() {
        return Arrays.copyOfRange(source, start, end);
    }
}
