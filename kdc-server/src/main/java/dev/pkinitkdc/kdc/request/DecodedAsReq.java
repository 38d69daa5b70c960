package dev.pkinitkdc.kdc.request;

import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding.PaDataItem;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import java.util.List;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.kdc.AsReq;

/**
 * An AS-REQ that parsed and is addressed to this KDC's TGS (RFC 4120 5.4.1).
 *
 * @param message the parsed message
 * @param reqBodyDer the KDC-REQ-BODY exactly as received
 * @param nonce the request nonce as an unsigned 32-bit value
 * @param enctype the enctype chosen for the session and reply keys: the client's first that the KDC offers
 * @param usableEnctypes every enctype of the request the KDC offers, in the client's order ({@code enctype} first)
 */
public record DecodedAsReq(AsReq message, byte[] reqBodyDer, PrincipalName cname, String realm, long nonce,
                           Enctype enctype, List<PaDataItem> padata, List<Enctype> usableEnctypes) {
    /** PA-PK-AS-REQ (RFC 4556 3.2.1). */
    public static final int PA_PK_AS_REQ = 16;

    public DecodedAsReq {
        padata = List.copyOf(padata);
        usableEnctypes = List.copyOf(usableEnctypes);
    }

    /** A request whose only usable enctype is {@code enctype}. */
    public DecodedAsReq(AsReq message, byte[] reqBodyDer, PrincipalName cname, String realm, long nonce,
                        Enctype enctype, List<PaDataItem> padata) {
        this(message, reqBodyDer, cname, realm, nonce, enctype, padata, List.of(enctype));
    }

    /** The value of the first padata of the given type, or null (RFC 4120 5.2.7). */
    public byte[] padataValue(int type) {
        return padata.stream().filter(p -> p.type() == type).map(PaDataItem::value).findFirst().orElse(null);
    }
}
