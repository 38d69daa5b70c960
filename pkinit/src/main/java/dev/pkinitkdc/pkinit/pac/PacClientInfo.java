package dev.pkinitkdc.pkinit.pac;

/**
 * MS-PAC 2.7 PAC_CLIENT_INFO: the ticket's authtime as a FILETIME and the client's name without the realm, which
 * a verifier compares with the ticket's cname (MIT's krb5_pac_verify does).
 */
public record PacClientInfo(long clientId, String name) {
    public PacInfoBuffer buffer() {
        byte[] utf16 = LittleEndianWriter.utf16(name);
        return new PacInfoBuffer(PacBufferType.CLIENT_INFO,
                new LittleEndianWriter().u64(clientId).u16(utf16.length).bytes(utf16).toByteArray());
    }

    public static PacClientInfo decode(byte[] data) throws PacType.MalformedPac {
        int length = PacBytes.u16(data, 8);
        return new PacClientInfo(PacBytes.u64(data, 0), PacBytes.utf16(data, 10, length));
    }
}
