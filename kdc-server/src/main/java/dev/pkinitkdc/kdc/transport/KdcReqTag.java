package dev.pkinitkdc.kdc.transport;

/**
 * The first byte of a KDC request: AS-REQ is [APPLICATION 10], TGS-REQ [APPLICATION 12] (RFC 4120 5.4.1), both
 * constructed. Anything else is not for a KDC; MIT's krb5kdc (dispatch.c) sends no reply to it, which keeps a
 * KDC from being a reflector for forged UDP sources.
 */
public final class KdcReqTag {
    static final int AS_REQ = 0x6a;
    static final int TGS_REQ = 0x6c;

    private KdcReqTag() {
    }

    /** Whether {@code request} is tagged as a TGS-REQ; anything else goes to the AS-REQ processor. */
    public static boolean isTgsReq(byte[] request) {
        return request.length > 0 && (request[0] & 0xff) == TGS_REQ;
    }

    static boolean isKdcReq(byte first) {
        int tag = first & 0xff;
        return tag == AS_REQ || tag == TGS_REQ;
    }
}
