package dev.pkinitkdc.kdc.request;

import java.util.List;
import java.util.Objects;
import org.apache.kerby.kerberos.kerb.type.ap.ApReq;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcReqBody;

/**
 * A TGS-REQ as decoded (RFC 4120 5.4.1): its KDC-REQ-BODY, decoded and as the exact bytes received (the
 * authenticator's checksum covers those, RFC 4120 7.5.1 key usage 6), the AP-REQ of its PA-TGS-REQ (5.5.1), the
 * service asked for, the nonce as the UInt32 it is and the client's etype numbers in its order.
 */
public record DecodedTgsReq(KdcReqBody body, byte[] bodyBytes, ApReq apReq, PrincipalName sname, long nonce,
                            List<Integer> etypes) {
    public DecodedTgsReq {
        Objects.requireNonNull(body);
        Objects.requireNonNull(bodyBytes);
        Objects.requireNonNull(apReq);
        Objects.requireNonNull(sname);
        etypes = List.copyOf(etypes);
    }
}
