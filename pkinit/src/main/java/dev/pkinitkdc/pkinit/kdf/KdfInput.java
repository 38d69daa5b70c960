package dev.pkinitkdc.pkinit.kdf;

import dev.pkinitkdc.pkinit.cert.KerberosPrincipalName;
import dev.pkinitkdc.pkinit.enctype.Enctype;

/**
 * Everything a PKINIT reply-key derivation may use. {@link #toString()} never shows the shared secret.
 *
 * @param sharedSecret Z, the DH shared secret padded to the length of p (RFC 4556 3.2.3.1)
 * @param clientDhNonce null when absent (octetstring2key only)
 * @param serverDhNonce null when absent (octetstring2key only)
 * @param client partyUInfo (RFC 8636 8)
 * @param tgs partyVInfo (RFC 8636 8)
 * @param asReq the whole AS-REQ DER (RFC 8636 PkinitSuppPubInfo)
 * @param pkAsRep the PA-PK-AS-REP DER (RFC 8636 PkinitSuppPubInfo)
 */
public record KdfInput(byte[] sharedSecret, byte[] clientDhNonce, byte[] serverDhNonce, Enctype enctype,
                       KerberosPrincipalName client, KerberosPrincipalName tgs, byte[] asReq, byte[] pkAsRep) {
    @Override
    public String toString() {
        return "KdfInput[enctype=" + enctype + ", client=" + client + ", tgs=" + tgs + "]";
    }
}
