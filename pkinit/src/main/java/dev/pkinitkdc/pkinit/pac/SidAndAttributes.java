package dev.pkinitkdc.pkinit.pac;

/** MS-PAC 2.2.1 KERB_SID_AND_ATTRIBUTES: a SID outside the logon domain (ExtraSids) and its attributes. */
public record SidAndAttributes(Sid sid, int attributes) {
    public static SidAndAttributes of(Sid sid) {
        return new SidAndAttributes(sid, GroupMembership.MANDATORY_ENABLED);
    }
}
