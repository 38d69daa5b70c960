package dev.pkinitkdc.kdc.request;

import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding.PaDataItem;
import java.util.List;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;

/**
 * A pre-authentication mechanism's part of the AS-REP (MIT's return_padata): the reply key (RFC 4120 3.1.3, the key
 * the enc-part is encrypted in) and the padata that goes in the AS-REP, in order.
 *
 * @param kdf how the reply key was derived, for the audit line's {@code kdf} (e.g. id-pkinit-kdf-sha256)
 */
public record PreauthReply(EncryptionKey replyKey, List<PaDataItem> padata, String kdf) {
    public PreauthReply {
        padata = List.copyOf(padata);
    }
}
