package dev.pkinitkdc.kdc.decode;

/** PA-DATA (RFC 4120 5.2.7) with its type number kept even when no library knows it. */
public record PaData(int type, byte[] value) {
    public static final int PA_PK_AS_REQ = 16;
    public static final int PA_PK_AS_REP = 17;

    public PaData {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }
}
