package dev.pkinitkdc.pkinit.pac;

/** MS-PAC 2.2.2 GROUP_MEMBERSHIP: a group's RID in the logon domain and its SE_GROUP attributes. */
public record GroupMembership(int relativeId, int attributes) {
    /** SE_GROUP_MANDATORY | SE_GROUP_ENABLED_BY_DEFAULT | SE_GROUP_ENABLED (MS-PAC 2.2.1), as AD sets them. */
    public static final int MANDATORY_ENABLED = 0x00000007;

    public static GroupMembership of(int relativeId) {
        return new GroupMembership(relativeId, MANDATORY_ENABLED);
    }
}
