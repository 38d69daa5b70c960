package dev.pkinitkdc.pkinit.pac;

/** MS-PAC 2.4 PAC_INFO_BUFFER ulType values this KDC writes or checks. */
public final class PacBufferType {
    public static final int LOGON_INFO = 1;
    public static final int SERVER_CHECKSUM = 6;
    public static final int PRIVSVR_CHECKSUM = 7;
    public static final int CLIENT_INFO = 10;
    public static final int UPN_DNS_INFO = 12;
    public static final int TICKET_CHECKSUM = 16;
    public static final int ATTRIBUTES_INFO = 17;
    public static final int REQUESTOR = 18;
    public static final int FULL_CHECKSUM = 19;

    private PacBufferType() {
    }

    public static boolean isSignature(int type) {
        return type == SERVER_CHECKSUM || type == PRIVSVR_CHECKSUM || type == TICKET_CHECKSUM
                || type == FULL_CHECKSUM;
    }
}
