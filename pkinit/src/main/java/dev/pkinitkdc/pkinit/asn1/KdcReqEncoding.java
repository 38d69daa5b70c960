package dev.pkinitkdc.pkinit.asn1;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a KDC-REQ (RFC 4120 5.4.1: [APPLICATION 10/12] SEQUENCE { pvno [1], msg-type [2], padata [3] SEQUENCE OF
 * PA-DATA OPTIONAL, req-body [4] KDC-REQ-BODY }) at the byte level, so the req-body bytes are exactly those on
 * the wire: the paChecksum (RFC 4556 3.2.1) is computed over them, not over a re-encoding.
 */
public final class KdcReqEncoding {

    /** One PA-DATA { padata-type [1] Int32, padata-value [2] OCTET STRING }. */
    public record PaDataItem(int type, byte[] value) {
        public PaDataItem {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }
    }

    private KdcReqEncoding() {
    }

    /** The KDC-REQ-BODY bytes exactly as encoded in {@code kdcReq}. */
    public static byte[] reqBody(byte[] kdcReq) {
        Tlv field = contextField(kdcReq, 4);
        if (field == null) {
            throw new IllegalArgumentException("KDC-REQ without req-body");
        }
        Tlv body = Tlv.read(kdcReq, field.contentStart());
        return Arrays.copyOfRange(kdcReq, body.start(), body.end());
    }

    /** The padata entries in request order (empty when absent). */
    public static List<PaDataItem> paData(byte[] kdcReq) {
        Tlv field = contextField(kdcReq, 3);
        List<PaDataItem> out = new ArrayList<>();
        if (field == null) {
            return out;
        }
        for (var e : Der.sequence(Arrays.copyOfRange(kdcReq, field.contentStart(), field.end()))) {
            var f = Der.fields(Der.sequence(e));
            out.add(new PaDataItem(Der.integer(Der.required(f, 1)).intValueExact(), Der.octets(Der.required(f, 2))));
        }
        return out;
    }

    /** The same KDC-REQ with {@code body} as its req-body [4]. */
    public static byte[] withReqBody(byte[] kdcReq, byte[] body) {
        Tlv app = Tlv.read(kdcReq, 0);
        byte[] seq = withField(kdcReq, sequenceOf(kdcReq), 4, body);
        return Der.tlv(app.tag(), seq);
    }

    /** The kdc-options [0] BIT STRING TLV of a KDC-REQ-BODY, exactly as encoded. */
    public static byte[] kdcOptions(byte[] reqBody) {
        Tlv seq = Tlv.read(reqBody, 0);
        Tlv field = field(reqBody, seq, 0);
        if (seq.tag() != 0x30 || field == null) {
            throw new IllegalArgumentException("KDC-REQ-BODY without kdc-options");
        }
        Tlv value = Tlv.read(reqBody, field.contentStart());
        return Arrays.copyOfRange(reqBody, value.start(), value.end());
    }

    /** The same KDC-REQ-BODY with {@code kdcOptions} (a BIT STRING TLV) as its kdc-options [0]. */
    public static byte[] withKdcOptions(byte[] reqBody, byte[] kdcOptions) {
        return withField(reqBody, Tlv.read(reqBody, 0), 0, kdcOptions);
    }

    /** {@code seq}'s fields with [tagNo]'s value replaced, as a new SEQUENCE TLV. */
    private static byte[] withField(byte[] der, Tlv seq, int tagNo, byte[] value) {
        Tlv f = field(der, seq, tagNo);
        if (f == null) {
            throw new IllegalArgumentException("no field [" + tagNo + "]");
        }
        byte[] before = Arrays.copyOfRange(der, seq.contentStart(), f.start());
        byte[] after = Arrays.copyOfRange(der, f.end(), seq.end());
        byte[] replaced = Der.tlv(f.tag(), value);
        byte[] content = new byte[before.length + replaced.length + after.length];
        System.arraycopy(before, 0, content, 0, before.length);
        System.arraycopy(replaced, 0, content, before.length, replaced.length);
        System.arraycopy(after, 0, content, before.length + replaced.length, after.length);
        return Der.tlv(0x30, content);
    }

    private static Tlv contextField(byte[] kdcReq, int tagNo) {
        return field(kdcReq, sequenceOf(kdcReq), tagNo);
    }

    private static Tlv sequenceOf(byte[] kdcReq) {
        Tlv app = Tlv.read(kdcReq, 0);
        if (app.tag() != 0x6a && app.tag() != 0x6c) {
            throw new IllegalArgumentException("not an AS-REQ or TGS-REQ");
        }
        Tlv seq = Tlv.read(kdcReq, app.contentStart());
        if (seq.tag() != 0x30) {
            throw new IllegalArgumentException("KDC-REQ is not a SEQUENCE");
        }
        return seq;
    }

    private static Tlv field(byte[] der, Tlv seq, int tagNo) {
        int pos = seq.contentStart();
        while (pos < seq.end()) {
            Tlv f = Tlv.read(der, pos);
            if (f.tag() == (0xa0 | tagNo)) {
                return f;
            }
            pos = f.end();
        }
        return null;
    }

    /** A definite-length BER/DER TLV with a one-byte tag (all Kerberos tags here fit). */
    private record Tlv(int tag, int start, int contentStart, int end) {
        static Tlv read(byte[] b, int pos) {
            try {
                int tag = b[pos] & 0xff;
                if ((tag & 0x1f) == 0x1f) {
                    throw new IllegalArgumentException("multi-byte tags not supported");
                }
                int len = b[pos + 1] & 0xff;
                int content = pos + 2;
                if (len > 0x80) {
                    int n = len & 0x7f;
                    if (n > 4) {
                        throw new IllegalArgumentException("length too long");
                    }
                    len = 0;
                    for (int i = 0; i < n; i++) {
                        len = (len << 8) | (b[content + i] & 0xff);
                    }
                    content += n;
                } else if (len == 0x80) {
                    throw new IllegalArgumentException("indefinite length not allowed in DER");
                }
                if (len < 0 || content + len > b.length) {
                    throw new IllegalArgumentException("truncated TLV");
                }
                return new Tlv(tag, pos, content, content + len);
            } catch (ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("truncated TLV", e);
            }
        }
    }
}
