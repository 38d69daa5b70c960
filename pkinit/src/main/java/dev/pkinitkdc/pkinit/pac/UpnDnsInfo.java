package dev.pkinitkdc.pkinit.pac;

import java.util.Objects;

/**
 * MS-PAC 2.10 UPN_DNS_INFO with the extension (flag S): the UPN, the DNS domain name, the sAMAccountName and the
 * account's SID, each located by a length and an offset from the start of the buffer.
 *
 * @param upnConstructed flag U: the account has no userPrincipalName and {@code upn} was made from the SAM name
 */
public record UpnDnsInfo(String upn, String dnsDomainName, boolean upnConstructed, String samName, Sid sid) {
    /** Flag U (MS-PAC 2.10): the user has no UPN. */
    public static final int UPN_CONSTRUCTED = 0x1;
    /** Flag S (MS-PAC 2.10): the SamName and Sid fields are present. */
    public static final int EXTENDED = 0x2;

    public UpnDnsInfo {
        Objects.requireNonNull(upn);
        Objects.requireNonNull(dnsDomainName);
        Objects.requireNonNull(samName);
        Objects.requireNonNull(sid);
    }

    public PacInfoBuffer buffer() {
        byte[][] parts = {LittleEndianWriter.utf16(upn), LittleEndianWriter.utf16(dnsDomainName),
                LittleEndianWriter.utf16(samName), sid.toBytes()};
        int header = 20;
        int[] offsets = new int[parts.length];
        int at = (header + 7) & ~7;
        for (int i = 0; i < parts.length; i++) {
            offsets[i] = at;
            at = (at + parts[i].length + 7) & ~7;
        }
        LittleEndianWriter out = new LittleEndianWriter();
        out.u16(parts[0].length).u16(offsets[0]).u16(parts[1].length).u16(offsets[1]);
        out.u32(EXTENDED | (upnConstructed ? UPN_CONSTRUCTED : 0));
        out.u16(parts[2].length).u16(offsets[2]).u16(parts[3].length).u16(offsets[3]);
        for (int i = 0; i < parts.length; i++) {
            out.align(8).bytes(parts[i]);
        }
        return new PacInfoBuffer(PacBufferType.UPN_DNS_INFO, out.toByteArray());
    }

    /** Reads the buffer; without flag S there is no SAM name or SID, and such a buffer is refused here. */
    public static UpnDnsInfo decode(byte[] data) throws PacType.MalformedPac {
        int flags = PacBytes.u32(data, 8);
        if ((flags & EXTENDED) == 0) {
            throw new PacType.MalformedPac("UPN_DNS_INFO without the SAM name and SID extension");
        }
        return new UpnDnsInfo(PacBytes.utf16(data, PacBytes.u16(data, 2), PacBytes.u16(data, 0)),
                PacBytes.utf16(data, PacBytes.u16(data, 6), PacBytes.u16(data, 4)), (flags & UPN_CONSTRUCTED) != 0,
                PacBytes.utf16(data, PacBytes.u16(data, 14), PacBytes.u16(data, 12)),
                PacBytes.sid(data, PacBytes.u16(data, 18), PacBytes.u16(data, 16)));
    }
}
