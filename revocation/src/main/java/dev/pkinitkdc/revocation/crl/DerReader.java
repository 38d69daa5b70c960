package dev.pkinitkdc.revocation.crl;

/**
 * A minimal reader of DER (X.690 8.1, 10.1) over one byte array. It allocates nothing per element: each read
 * leaves the element's tag and content bounds in fields, so a CRL with a million entries is walked without a
 * Java object per entry.
 */
final class DerReader {
    static final int BOOLEAN = 0x01;
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int ENUMERATED = 0x0a;
    static final int UTC_TIME = 0x17;
    static final int GENERALIZED_TIME = 0x18;
    static final int SEQUENCE = 0x30;
    /** [0] EXPLICIT, constructed: TBSCertList's crlExtensions (RFC 5280 5.1). */
    static final int CONTEXT_0 = 0xa0;
    /** Any tag is accepted. */
    static final int ANY = -1;

    private final byte[] der;
    private int position;
    private int tag;
    private int start;
    private int end;

    DerReader(byte[] der, int position) {
        this.der = der;
        this.position = position;
    }

    byte[] bytes() {
        return der;
    }

    int position() {
        return position;
    }

    void position(int newPosition) {
        this.position = newPosition;
    }

    /** The tag of the element at the position, without moving. */
    int peekTag() throws UnusableCrlException {
        if (position >= der.length) {
            throw new UnusableCrlException("truncated DER at offset " + position);
        }
        return der[position] & 0xff;
    }

    /** Reads the header of the element at the position and moves into its content; returns the content's end. */
    int enter(int expectedTag) throws UnusableCrlException {
        header(expectedTag);
        position = start;
        return end;
    }

    /** Reads the header of the element at the position and moves past the whole element. */
    void skip(int expectedTag) throws UnusableCrlException {
        header(expectedTag);
        position = end;
    }

    /** Tag of the element read last. */
    int tag() {
        return tag;
    }

    /** Content start of the element read last. */
    int start() {
        return start;
    }

    /** Content end (exclusive) of the element read last. */
    int end() {
        return end;
    }

    int length() {
        return end - start;
    }

    /** X.690 8.1.2 and 8.1.3: low-tag-number form, definite length of at most four octets. */
    private void header(int expectedTag) throws UnusableCrlException {
        int at = position;
        int found = peekTag();
        if (expectedTag != ANY && found != expectedTag) {
            throw new UnusableCrlException(String.format("expected DER tag 0x%02x, found 0x%02x at offset %d",
                    expectedTag, found, at));
        }
        if ((found & 0x1f) == 0x1f || at + 1 >= der.length) {
            throw new UnusableCrlException("unsupported or truncated DER header at offset " + at);
        }
        int first = der[at + 1] & 0xff;
        int p = at + 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int octets = first & 0x7f;
            if (octets == 0 || octets > 4 || p + octets > der.length) {
                throw new UnusableCrlException("bad DER length at offset " + at);
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (der[p++] & 0xff);
            }
        }
        if (p + length > der.length) {
            throw new UnusableCrlException("DER element at offset " + at + " runs past the end");
        }
        tag = found;
        start = p;
        end = (int) (p + length);
    }
}
