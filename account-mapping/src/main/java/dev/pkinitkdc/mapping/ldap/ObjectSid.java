package dev.pkinitkdc.mapping.ldap;

/** The binary SID of objectSid (MS-DTYP 2.4.2.2) in its string form {@code S-1-5-21-...} (MS-DTYP 2.4.2.1). */
final class ObjectSid {
    private ObjectSid() {
    }

    static String toText(byte[] sid) {
        if (sid.length < 8 || sid.length != 8 + 4 * (sid[1] & 0xff)) {
            throw new IllegalArgumentException("not a SID: " + sid.length + " bytes");
        }
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = (authority << 8) | (sid[i] & 0xff); // big-endian
        }
        StringBuilder sb = new StringBuilder("S-").append(sid[0] & 0xff).append('-').append(authority);
        for (int i = 8; i < sid.length; i += 4) {
            long sub = (sid[i] & 0xffL) | (sid[i + 1] & 0xffL) << 8 | (sid[i + 2] & 0xffL) << 16
                    | (sid[i + 3] & 0xffL) << 24; // little-endian
            sb.append('-').append(sub);
        }
        return sb.toString();
    }
}
