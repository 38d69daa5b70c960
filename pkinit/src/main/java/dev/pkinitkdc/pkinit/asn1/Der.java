package dev.pkinitkdc.pkinit.asn1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERTaggedObject;

/**
 * Shared DER helpers for the PKINIT types. The RFC 4556 module (appendix A) uses EXPLICIT TAGS, so context fields
 * are explicit unless the module says IMPLICIT. Decoding failures are {@link IllegalArgumentException}s.
 */
public final class Der {
    private static final DateTimeFormatter KERBEROS_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private Der() {
    }

    public static byte[] encode(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A DER TLV with a one-octet tag around {@code content}. */
    public static byte[] tlv(int tag, byte[] content) {
        byte[] length = lengthOctets(content.length);
        byte[] out = new byte[1 + length.length + content.length];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, content.length);
        return out;
    }

    /** X.690 8.1.3: the short form below 128, else the long form in as few octets as the length needs. */
    public static byte[] lengthOctets(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        int n = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
        byte[] out = new byte[n + 1];
        out[0] = (byte) (0x80 | n);
        for (int i = 0; i < n; i++) {
            out[n - i] = (byte) (length >>> (8 * i));
        }
        return out;
    }

    /** Parses exactly one ASN.1 value; trailing bytes are an error. */
    public static ASN1Primitive parse(byte[] der) {
        if (der == null || der.length == 0) {
            throw new IllegalArgumentException("empty ASN.1 value");
        }
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            ASN1Primitive value = in.readObject();
            if (value == null || in.readObject() != null) {
                throw new IllegalArgumentException("not exactly one ASN.1 value");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("malformed ASN.1: " + e.getMessage(), e);
        }
    }

    public static ASN1Sequence sequence(byte[] der) {
        return sequence(parse(der));
    }

    public static ASN1Sequence sequence(ASN1Encodable value) {
        try {
            return ASN1Sequence.getInstance(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("expected SEQUENCE", e);
        }
    }

    /** The context-tagged fields of a SEQUENCE by tag number; untagged or duplicate fields are an error. */
    public static Map<Integer, ASN1TaggedObject> fields(ASN1Sequence seq) {
        Map<Integer, ASN1TaggedObject> out = new HashMap<>();
        for (ASN1Encodable e : seq) {
            if (!(e instanceof ASN1TaggedObject t) || t.getTagClass() != BERTags.CONTEXT_SPECIFIC) {
                throw new IllegalArgumentException("expected a context-tagged field");
            }
            if (out.put(t.getTagNo(), t) != null) {
                throw new IllegalArgumentException("duplicate field [" + t.getTagNo() + "]");
            }
        }
        return out;
    }

    /** The value inside an EXPLICIT [tag], or null if the field is absent. */
    public static ASN1Primitive explicit(Map<Integer, ASN1TaggedObject> fields, int tag) {
        ASN1TaggedObject t = fields.get(tag);
        if (t == null) {
            return null;
        }
        try {
            return t.getExplicitBaseObject().toASN1Primitive();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("field [" + tag + "] is not explicitly tagged", e);
        }
    }

    public static ASN1Primitive required(Map<Integer, ASN1TaggedObject> fields, int tag) {
        ASN1Primitive p = explicit(fields, tag);
        if (p == null) {
            throw new IllegalArgumentException("missing field [" + tag + "]");
        }
        return p;
    }

    /**
     * The bytes of an {@code [tag] IMPLICIT OCTET STRING} (RFC 4556 signedAuthPack, dhSignedData), or null if absent.
     * Tolerates encoders that set the constructed bit and put the embedded structure there directly.
     */
    public static byte[] implicitOctets(Map<Integer, ASN1TaggedObject> fields, int tag) {
        ASN1TaggedObject t = fields.get(tag);
        if (t == null) {
            return null;
        }
        try {
            if (t.isExplicit() && t.getBaseObject().toASN1Primitive() instanceof ASN1Sequence s) {
                return encode(s);
            }
            return ASN1OctetString.getInstance(t, false).getOctets();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("field [" + tag + "] is not an OCTET STRING", e);
        }
    }

    public static DERTaggedObject tagged(int tag, ASN1Encodable value) {
        return new DERTaggedObject(true, tag, value);
    }

    public static DERTaggedObject implicitOctets(int tag, byte[] value) {
        return new DERTaggedObject(false, tag, new DEROctetString(value));
    }

    public static byte[] octets(ASN1Primitive p) {
        try {
            return ASN1OctetString.getInstance(p).getOctets();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("expected OCTET STRING", e);
        }
    }

    public static BigInteger integer(ASN1Primitive p) {
        try {
            return ASN1Integer.getInstance(p).getValue();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("expected INTEGER", e);
        }
    }

    /** INTEGER (0..4294967295), the PKINIT nonce (RFC 4556 3.2.1, 3.2.3.1). */
    public static long uint32(ASN1Primitive p) {
        BigInteger v = integer(p);
        if (v.signum() < 0 || v.bitLength() > 32) {
            throw new IllegalArgumentException("nonce out of range 0..2^32-1");
        }
        return v.longValueExact();
    }

    public static ASN1Integer uint32(long v) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException("nonce out of range 0..2^32-1");
        }
        return new ASN1Integer(v);
    }

    /** KerberosTime (RFC 4120 5.2.3): GeneralizedTime, UTC, no fractional seconds. */
    public static ASN1GeneralizedTime kerberosTime(Instant t) {
        return new DERGeneralizedTime(KERBEROS_TIME.format(t.truncatedTo(ChronoUnit.SECONDS)));
    }

    public static Instant kerberosTime(ASN1Primitive p) {
        try {
            return ASN1GeneralizedTime.getInstance(p).getDate().toInstant();
        } catch (Exception e) {
            throw new IllegalArgumentException("expected KerberosTime", e);
        }
    }

    static byte[] copy(byte[] b) {
        return b == null ? null : b.clone();
    }
}
