package dev.pkinitkdc.pkinit.pac;

/** MS-PAC 2.14 PAC_ATTRIBUTES_INFO: whether the client asked for the PAC (PA-PAC-REQUEST) or got it implicitly. */
public record PacAttributesInfo(boolean requested) {
    /** MS-PAC 2.14 PAC_WAS_REQUESTED. */
    public static final int PAC_WAS_REQUESTED = 0x1;
    /** MS-PAC 2.14 PAC_WAS_GIVEN_IMPLICITLY. */
    public static final int PAC_WAS_GIVEN_IMPLICITLY = 0x2;

    public PacInfoBuffer buffer() {
        // FlagsLength counts bits: the two defined flags.
        return new PacInfoBuffer(PacBufferType.ATTRIBUTES_INFO, new LittleEndianWriter().u32(2)
                .u32(requested ? PAC_WAS_REQUESTED : PAC_WAS_GIVEN_IMPLICITLY).toByteArray());
    }

    public static PacAttributesInfo decode(byte[] data) throws PacType.MalformedPac {
        if (PacBytes.u32(data, 0) < 1) {
            throw new PacType.MalformedPac("PAC_ATTRIBUTES_INFO without flags");
        }
        return new PacAttributesInfo((PacBytes.u32(data, 4) & PAC_WAS_REQUESTED) != 0);
    }
}
