package dev.pkinitkdc.pkinit.pac;

/** MS-PAC 2.4 PAC_INFO_BUFFER with its data: {@code ulType} and the {@code cbBufferSize} bytes it points at. */
public record PacInfoBuffer(int type, byte[] data) {
    public PacInfoBuffer {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    int size() {
        return data.length;
    }
}
