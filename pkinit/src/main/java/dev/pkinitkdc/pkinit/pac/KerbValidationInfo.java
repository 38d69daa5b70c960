package dev.pkinitkdc.pkinit.pac;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * MS-PAC 2.5 KERB_VALIDATION_INFO, the LOGON_INFO buffer: who the user is (logon domain SID + RID), the groups of
 * the logon domain by RID, and the SIDs outside it (ExtraSids, e.g. the asserted-identity SID). Times are
 * FILETIMEs ({@link FileTime}); the profile strings AD fills (logon script, profile path, home directory) are
 * left empty, as is the session key.
 *
 * @param userAccountControl MS-SAMR 2.2.1.12 USER_* bits (e.g. {@link #USER_NORMAL_ACCOUNT}), not LDAP's
 */
public record KerbValidationInfo(long logonTime, long passwordLastSet, long passwordCanChange,
                                 long passwordMustChange, String effectiveName, String fullName, int userId,
                                 int primaryGroupId, List<GroupMembership> groupIds, String logonServer,
                                 String logonDomainName, Sid logonDomainId, int userAccountControl,
                                 List<SidAndAttributes> extraSids) {
    /** MS-PAC 2.5 UserFlags D: the ExtraSids field is populated. */
    public static final int LOGON_EXTRA_SIDS = 0x00000020;
    /** MS-SAMR 2.2.1.12 USER_NORMAL_ACCOUNT. */
    public static final int USER_NORMAL_ACCOUNT = 0x00000010;
    /** MS-SAMR 2.2.1.12 USER_DONT_EXPIRE_PASSWORD. */
    public static final int USER_DONT_EXPIRE_PASSWORD = 0x00000200;
    /** The "Domain Users" RID (MS-ADTS 6.1.1.6.13), the usual primary group. */
    public static final int DOMAIN_USERS_RID = 513;

    public KerbValidationInfo {
        Objects.requireNonNull(effectiveName);
        Objects.requireNonNull(fullName);
        Objects.requireNonNull(logonServer);
        Objects.requireNonNull(logonDomainName);
        Objects.requireNonNull(logonDomainId);
        groupIds = List.copyOf(groupIds);
        extraSids = List.copyOf(extraSids);
    }

    /** MS-PAC 2.5 UserFlags: LOGON_EXTRA_SIDS when there are ExtraSids. */
    public int userFlags() {
        return extraSids.isEmpty() ? 0 : LOGON_EXTRA_SIDS;
    }

    /**
     * The LOGON_INFO buffer: the NDR type serialization version 1 (MS-RPCE 2.2.6) of a unique pointer to this
     * structure, with its common and private headers and padded to 8 bytes.
     */
    public byte[] encode() {
        NdrWriter ndr = new NdrWriter();
        ndr.structure(w -> w.pointer(this::body));
        byte[] data = ndr.toByteArray();
        int padded = (data.length + 7) & ~7;
        LittleEndianWriter out = new LittleEndianWriter();
        // MS-RPCE 2.2.6.1 common header: version 1, little-endian (0x10), header length 8, filler 0xCCCCCCCC.
        out.u8(1).u8(0x10).u16(8).u32(0xCCCCCCCC);
        // MS-RPCE 2.2.6.2 private header: the length of the serialized data, a multiple of 8, and a filler.
        out.u32(padded).u32(0);
        out.bytes(data).align(8);
        return out.toByteArray();
    }

    private void body(NdrWriter w) {
        w.fileTime(logonTime).fileTime(FileTime.NEVER).fileTime(FileTime.NEVER)
                .fileTime(passwordLastSet).fileTime(passwordCanChange).fileTime(passwordMustChange);
        w.unicodeString(effectiveName).unicodeString(fullName);
        for (int i = 0; i < 4; i++) { // LogonScript, ProfilePath, HomeDirectory, HomeDirectoryDrive
            w.unicodeString("");
        }
        w.u16(0).u16(0); // LogonCount, BadPasswordCount
        w.u32(userId).u32(primaryGroupId).u32(groupIds.size());
        w.pointer(groupIds.isEmpty() ? null : this::groups);
        w.u32(userFlags());
        w.bytes(new byte[16]); // UserSessionKey: zero (MS-PAC 2.5)
        w.unicodeString(logonServer).unicodeString(logonDomainName);
        w.pointer(x -> x.sid(logonDomainId));
        w.u32(0).u32(0); // Reserved1
        w.u32(userAccountControl).u32(0); // SubAuthStatus
        w.fileTime(FileTime.NOT_SET).fileTime(FileTime.NOT_SET).u32(0).u32(0); // ILogon times, count, Reserved3
        w.u32(extraSids.size());
        w.pointer(extraSids.isEmpty() ? null : this::extra);
        w.pointer(null).u32(0).pointer(null); // no resource groups
    }

    private void groups(NdrWriter w) {
        w.u32(groupIds.size());
        for (GroupMembership g : groupIds) {
            w.u32(g.relativeId()).u32(g.attributes());
        }
    }

    private void extra(NdrWriter w) {
        w.u32(extraSids.size());
        for (SidAndAttributes s : extraSids) {
            w.pointer(x -> x.sid(s.sid())).u32(s.attributes());
        }
    }

    /**
     * Reads a LOGON_INFO buffer (the fields this record keeps), bounded by its length: the headers must be NDR
     * type serialization version 1, little-endian; counts must agree with their arrays.
     */
    public static KerbValidationInfo decode(byte[] buffer) throws PacType.MalformedPac {
        if (buffer.length < 16 || buffer[0] != 1 || buffer[1] != 0x10 || buffer[2] != 8 || buffer[3] != 0) {
            throw new PacType.MalformedPac("LOGON_INFO is not NDR type serialization version 1, little-endian");
        }
        long objectLength = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(buffer, 8, 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
        if (objectLength > buffer.length - 16) {
            throw new PacType.MalformedPac("LOGON_INFO object buffer runs past the end");
        }
        Decoded d = new Decoded();
        try {
            NdrReader ndr = new NdrReader(buffer, 16, (int) objectLength);
            ndr.structure(r -> {
                if (!r.pointer(d::body)) {
                    throw new NdrReader.Malformed("LOGON_INFO has no KERB_VALIDATION_INFO");
                }
            });
        } catch (NdrReader.Malformed | IllegalArgumentException e) {
            throw new PacType.MalformedPac("LOGON_INFO: " + e.getMessage());
        }
        if (d.domain == null) {
            throw new PacType.MalformedPac("LOGON_INFO has no LogonDomainId");
        }
        return new KerbValidationInfo(d.logonTime, d.passwordLastSet, d.passwordCanChange, d.passwordMustChange,
                d.effectiveName, d.fullName, d.userId, d.primaryGroupId, d.groups, d.logonServer, d.logonDomainName,
                d.domain, d.userAccountControl, d.extraSids);
    }

    /** The fields as they are read; the referents arrive after the structure. */
    private static final class Decoded {
        long logonTime;
        long passwordLastSet;
        long passwordCanChange;
        long passwordMustChange;
        String effectiveName = "";
        String fullName = "";
        String logonServer = "";
        String logonDomainName = "";
        int userId;
        int primaryGroupId;
        int userAccountControl;
        Sid domain;
        final List<GroupMembership> groups = new ArrayList<>();
        final List<SidAndAttributes> extraSids = new ArrayList<>();

        void body(NdrReader r) {
            logonTime = r.fileTime();
            r.fileTime();
            r.fileTime();
            passwordLastSet = r.fileTime();
            passwordCanChange = r.fileTime();
            passwordMustChange = r.fileTime();
            r.unicodeString(s -> effectiveName = s);
            r.unicodeString(s -> fullName = s);
            for (int i = 0; i < 4; i++) {
                r.unicodeString(s -> { });
            }
            r.u16();
            r.u16();
            userId = r.u32();
            primaryGroupId = r.u32();
            int groupCount = r.u32();
            boolean hasGroups = r.pointer(a -> groups(a, groupCount));
            checkAbsent(hasGroups, groupCount, "GroupIds");
            r.u32(); // UserFlags
            r.skip(16);
            r.unicodeString(s -> logonServer = s);
            r.unicodeString(s -> logonDomainName = s);
            r.pointer(a -> domain = a.sid());
            r.skip(8);
            userAccountControl = r.u32();
            r.u32();
            r.fileTime();
            r.fileTime();
            r.u32();
            r.u32();
            int sidCount = r.u32();
            boolean hasSids = r.pointer(a -> extra(a, sidCount));
            checkAbsent(hasSids, sidCount, "ExtraSids");
            r.pointer(NdrReader::sid); // ResourceGroupDomainSid: read, not kept
            int resourceCount = r.u32();
            checkAbsent(r.pointer(a -> a.count(8)), resourceCount, "ResourceGroupIds");
        }

        private static void checkAbsent(boolean present, int count, String field) {
            if (!present && count != 0) {
                throw new NdrReader.Malformed(field + " has a count but no array");
            }
        }

        private void groups(NdrReader r, int expected) {
            int count = r.count(8);
            if (count != expected) {
                throw new NdrReader.Malformed("GroupCount does not match the GroupIds array");
            }
            for (int i = 0; i < count; i++) {
                groups.add(new GroupMembership(r.u32(), r.u32()));
            }
        }

        private void extra(NdrReader r, int expected) {
            int count = r.count(8);
            if (count != expected) {
                throw new NdrReader.Malformed("SidCount does not match the ExtraSids array");
            }
            int[] attributes = new int[count];
            for (int i = 0; i < count; i++) {
                int index = i;
                extraSids.add(null);
                if (!r.pointer(a -> extraSids.set(index, new SidAndAttributes(a.sid(), attributes[index])))) {
                    throw new NdrReader.Malformed("an ExtraSids entry has no SID");
                }
                attributes[i] = r.u32();
            }
        }
    }
}
