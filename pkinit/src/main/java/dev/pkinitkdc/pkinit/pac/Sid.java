package dev.pkinitkdc.pkinit.pac;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A security identifier (MS-DTYP 2.4.2): revision 1, a 48-bit identifier authority and up to 15 sub-authorities;
 * the last sub-authority of an account's SID is its relative identifier (RID).
 */
public record Sid(long identifierAuthority, int[] subAuthorities) {
    /** MS-DTYP 2.4.2: SubAuthorityCount is at most 15. */
    public static final int MAX_SUB_AUTHORITIES = 15;
    /** MS-PAC 2.2.1 / MS-KILE 3.3.5.7.4: "authentication authority asserted identity". */
    public static final Sid AUTHENTICATION_AUTHORITY_ASSERTED_IDENTITY = parse("S-1-18-1");
    /** MS-KILE 3.3.5.7.4: "fresh public key identity", for a PKINIT logon that used a freshness token. */
    public static final Sid FRESH_PUBLIC_KEY_IDENTITY = parse("S-1-18-3");

    public Sid {
        if (identifierAuthority < 0 || identifierAuthority >= 1L << 48) {
            throw new IllegalArgumentException("SID identifier authority out of range");
        }
        if (subAuthorities.length > MAX_SUB_AUTHORITIES) {
            throw new IllegalArgumentException("a SID has at most 15 sub-authorities");
        }
        subAuthorities = subAuthorities.clone();
    }

    /** Parses the string form {@code S-1-IA-SA1-...} (MS-DTYP 2.4.2.1). */
    public static Sid parse(String text) {
        String[] parts = text.split("-", -1);
        if (parts.length < 3 || !parts[0].equalsIgnoreCase("S") || !parts[1].equals("1")) {
            throw new IllegalArgumentException("not a SID in S-1-... form: " + text);
        }
        try {
            int[] sub = new int[parts.length - 3];
            for (int i = 0; i < sub.length; i++) {
                sub[i] = (int) Long.parseLong(parts[i + 3]);
                if (Long.parseLong(parts[i + 3]) >>> 32 != 0) {
                    throw new IllegalArgumentException("SID sub-authority out of range: " + text);
                }
            }
            return new Sid(Long.parseLong(parts[2]), sub);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a SID in S-1-... form: " + text, e);
        }
    }

    @Override
    public int[] subAuthorities() {
        return subAuthorities.clone();
    }

    /** The relative identifier: the last sub-authority. */
    public int rid() {
        if (subAuthorities.length == 0) {
            throw new IllegalStateException("a SID without sub-authorities has no RID");
        }
        return subAuthorities[subAuthorities.length - 1];
    }

    /** The SID without its RID: an account SID's domain SID. */
    public Sid domain() {
        if (subAuthorities.length == 0) {
            throw new IllegalStateException("a SID without sub-authorities has no domain");
        }
        return new Sid(identifierAuthority, Arrays.copyOf(subAuthorities, subAuthorities.length - 1));
    }

    /** This (domain) SID with {@code rid} appended. */
    public Sid withRid(int rid) {
        int[] sub = Arrays.copyOf(subAuthorities, subAuthorities.length + 1);
        sub[subAuthorities.length] = rid;
        return new Sid(identifierAuthority, sub);
    }

    /** MS-DTYP 2.4.22 binary form: revision, count, 6-byte big-endian authority, little-endian sub-authorities. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(subAuthorities.length);
        for (int shift = 40; shift >= 0; shift -= 8) {
            out.write((int) (identifierAuthority >>> shift));
        }
        for (int s : subAuthorities) {
            out.write(s);
            out.write(s >>> 8);
            out.write(s >>> 16);
            out.write(s >>> 24);
        }
        return out.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sid other && other.identifierAuthority == identifierAuthority
                && Arrays.equals(other.subAuthorities, subAuthorities);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(identifierAuthority) * 31 + Arrays.hashCode(subAuthorities);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("S-1-").append(identifierAuthority);
        for (int sub : subAuthorities) {
            s.append('-').append(Integer.toUnsignedLong(sub));
        }
        return s.toString();
    }
}
