package dev.pkinitkdc.pkinit.pac;

/** MS-PAC 2.15 PAC_REQUESTOR: the SID of the client the TGT was issued to (KB5008380). */
public record PacRequestor(Sid sid) {
    public PacInfoBuffer buffer() {
        return new PacInfoBuffer(PacBufferType.REQUESTOR, sid.toBytes());
    }

    public static PacRequestor decode(byte[] data) throws PacType.MalformedPac {
        return new PacRequestor(PacBytes.sid(data, 0, data.length));
    }
}
