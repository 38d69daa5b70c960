package dev.pkinitkdc.pkinit.asn1;

import java.util.ArrayList;
import java.util.List;

/**
 * A cheap pre-scan of BER/DER tag-length-value encodings (X.690 8.1) that runs before any recursive parser (Kerby,
 * Bouncy Castle) sees bytes from the network. It walks the TLVs with a loop and an explicit stack, so an attacker's
 * nesting costs no Java stack, and refuses: nesting deeper than {@code maxDepth}, more than {@code maxElements}
 * elements, lengths past their container, and bytes after the one top-level element. In DER mode (X.690 10) it
 * also refuses indefinite lengths (10.1), lengths not in the fewest octets (10.1, 8.1.3.5), and constructed
 * strings (10.2). Failures are {@link IllegalArgumentException}s whose message says which rule broke and where.
 */
public final class TlvScan {
    /** Marks an open indefinite-length element on the stack. */
    private static final int INDEFINITE = -1;
    /** {@link Header#tag()} of a context-specific {@code [0]}. */
    public static final int CONTEXT = 0x80 << 24;

    /**
     * @param maxDepth most elements nested inside each other (the top-level element is depth 1)
     * @param maxElements most elements in the whole input
     * @param derOnly refuse what BER allows but DER does not
     */
    public record Limits(int maxDepth, int maxElements, boolean derOnly) {
        /** DER, 32 deep: a KDC-REQ is about 8 deep, an AuthPack with a DH public value about 6. */
        public static final Limits DER = new Limits(32, 4096, true);
        /**
         * BER, 32 deep and 32,768 elements: a CMS SignedData with ten certificates (RFC 5652 allows BER there),
         * whose certificates nest about 12 deep and hold a few hundred elements each.
         */
        public static final Limits BER = new Limits(32, 32_768, false);
    }

    /**
     * One element's header; {@code end} is -1 for an indefinite length. {@code tag} holds the class in its top two
     * bits and the number below, so a universal tag is its number and {@code [0]} is {@link #CONTEXT}.
     */
    public record Header(int tag, boolean constructed, int start, int contentStart, int end) {
        public boolean indefinite() {
            return end == INDEFINITE;
        }

        public boolean endOfContents() {
            return tag == 0 && !constructed && end == contentStart;
        }
    }

    private TlvScan() {
    }

    /** Checks that {@code encoding} is exactly one element within {@code limits}. */
    public static void check(byte[] encoding, Limits limits) {
        if (encoding == null || encoding.length == 0) {
            throw new IllegalArgumentException("empty encoding");
        }
        int[] open = new int[limits.maxDepth()];  // end offset of each open element, or INDEFINITE
        int depth = 0;
        int elements = 0;
        int pos = 0;
        do {
            int limit = depth == 0 ? encoding.length : open[depth - 1];
            if (depth > 0 && limit != INDEFINITE && pos == limit) {
                depth--;                                    // a definite-length element is complete
                continue;
            }
            Header h = header(encoding, pos, limit == INDEFINITE ? encoding.length : limit, limits.derOnly());
            if (h.endOfContents()) {
                if (depth == 0 || open[depth - 1] != INDEFINITE) {
                    throw new IllegalArgumentException("end-of-contents outside an indefinite length at " + pos);
                }
                depth--;
                pos = h.end();
                continue;
            }
            if (++elements > limits.maxElements()) {
                throw new IllegalArgumentException("more than " + limits.maxElements() + " elements");
            }
            if (h.constructed()) {
                if (depth == limits.maxDepth()) {
                    throw new IllegalArgumentException("nested deeper than " + limits.maxDepth() + " at " + pos);
                }
                open[depth++] = h.end();
                pos = h.contentStart();
            } else {
                pos = h.end();
            }
        } while (depth > 0);
        if (pos != encoding.length) {
            throw new IllegalArgumentException((encoding.length - pos) + " bytes after the encoding");
        }
    }

    /**
     * The header at {@code pos}, its content within {@code limit}. Tags (8.1.2): the high-tag-number form up to
     * four octets; lengths (8.1.3): definite up to 2^31-1, or indefinite for a constructed element.
     */
    static Header header(byte[] b, int pos, int limit, boolean derOnly) {
        int p = pos;
        if (p >= limit) {
            throw new IllegalArgumentException("truncated at " + pos);
        }
        int first = b[p++] & 0xff;
        boolean constructed = (first & 0x20) != 0;
        int tag = first & 0x1f;
        if (tag == 0x1f) {
            tag = 0;
            for (int i = 0; ; i++) {
                if (p >= limit || i == 4) {
                    throw new IllegalArgumentException("bad tag at " + pos);
                }
                int octet = b[p++] & 0xff;
                if (i == 0 && octet == 0x80 && derOnly) {
                    throw new IllegalArgumentException("tag not in the fewest octets at " + pos + " (not DER)");
                }
                tag = (tag << 7) | (octet & 0x7f);
                if ((octet & 0x80) == 0) {
                    break;
                }
            }
        }
        tag |= (first & 0xc0) << 24;                        // the class, so universal tags compare as numbers
        if (p >= limit) {
            throw new IllegalArgumentException("truncated at " + pos);
        }
        int lengthOctet = b[p++] & 0xff;
        int length;
        if (lengthOctet < 0x80) {
            length = lengthOctet;
        } else if (lengthOctet == 0x80) {
            if (!constructed) {
                throw new IllegalArgumentException("indefinite length on a primitive element at " + pos);
            }
            if (derOnly) {
                throw new IllegalArgumentException("indefinite length at " + pos + " (not DER)");
            }
            checkConstructedString(tag, pos, derOnly);
            return new Header(tag, true, pos, p, INDEFINITE);
        } else {
            int n = lengthOctet & 0x7f;
            if (n > 4 || p + n > limit) {
                throw new IllegalArgumentException("bad length at " + pos);
            }
            long value = 0;
            for (int i = 0; i < n; i++) {
                value = (value << 8) | (b[p++] & 0xff);
            }
            if (value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("bad length at " + pos);
            }
            if (derOnly && (value < 0x80 || (b[p - n] & 0xff) == 0)) {
                throw new IllegalArgumentException("length not in the fewest octets at " + pos + " (not DER)");
            }
            length = (int) value;
        }
        if (length > limit - p) {
            throw new IllegalArgumentException("length past the end at " + pos);
        }
        if (tag == 0 && (constructed || length != 0)) {
            throw new IllegalArgumentException("universal tag 0 at " + pos);
        }
        if (!constructed && (tag == BerTag.SEQUENCE || tag == BerTag.SET)) {
            throw new IllegalArgumentException("primitive SEQUENCE or SET at " + pos);
        }
        if (constructed) {
            checkConstructedString(tag, pos, derOnly);
        }
        return new Header(tag, constructed, pos, p, p + length);
    }

    /** X.690 10.2: DER encodes BIT STRING, OCTET STRING and the character strings primitive. */
    private static void checkConstructedString(int tag, int pos, boolean derOnly) {
        if (derOnly && BerTag.isString(tag)) {
            throw new IllegalArgumentException("constructed string at " + pos + " (not DER)");
        }
    }

    /**
     * The end of the element whose header is {@code h}: its definite end, or just past the end-of-contents that
     * closes an indefinite length. Only for input that {@link #check} accepted, so the loop is bounded by it.
     */
    public static int end(byte[] b, Header h) {
        if (!h.indefinite()) {
            return h.end();
        }
        int open = 1;
        int pos = h.contentStart();
        while (open > 0) {
            Header inner = header(b, pos, b.length, false);
            if (inner.endOfContents()) {
                open--;
                pos = inner.end();
            } else if (inner.indefinite()) {
                open++;
                pos = inner.contentStart();
            } else {
                pos = inner.end();
            }
        }
        return pos;
    }

    /** The header at the start of {@code b}. */
    public static Header top(byte[] b) {
        return header(b, 0, b.length, false);
    }

    /**
     * The headers of the elements directly inside {@code parent}; only for input {@link #check} accepted. A primitive
     * element has none (X.690 8.1.5): its content is not TLVs, and {@link #check} never walked it (reading it as
     * TLVs threw on a ContentInfo whose {@code [0]} was primitive, found by DecoderFuzzTest).
     */
    public static List<Header> children(byte[] b, Header parent) {
        List<Header> out = new ArrayList<>();
        if (!parent.constructed()) {
            return out;
        }
        int pos = parent.contentStart();
        int limit = parent.indefinite() ? b.length : parent.end();
        while (pos < limit) {
            Header h = header(b, pos, limit, false);
            if (h.endOfContents()) {
                break;
            }
            out.add(h);
            pos = end(b, h);
        }
        return out;
    }

    /** Universal tag numbers (X.680 8.4) the scan tells apart. */
    private static final class BerTag {
        static final int SEQUENCE = 0x10;
        static final int SET = 0x11;

        static boolean isString(int tag) {
            return switch (tag) {
                case 3, 4, 12, 18, 19, 20, 21, 22, 25, 26, 27, 28, 30 -> true;
                default -> false;
            };
        }
    }
}
