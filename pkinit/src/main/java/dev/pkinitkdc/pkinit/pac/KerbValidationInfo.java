package dev.pkinitkdc.pkinit.pac;

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
}
