package dev.pkinitkdc.pkinit.server;

import dev.pkinitkdc.pkinit.kdf.OctetString2Key;
import dev.pkinitkdc.pkinit.kdf.ReplyKeyKdf;
import dev.pkinitkdc.pkinit.kdf.Rfc8636Kdf;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * RFC 8636 4: the KDC uses the first of the client's supportedKDFs it implements; without one it falls back to
 * the RFC 4556 octetstring2key and sends no kdf.
 */
final class KdfSelection {
    private KdfSelection() {
    }

    static ReplyKeyKdf choose(List<String> clientKdfOids) {
        return clientKdfOids.stream()
                .map(o -> Rfc8636Kdf.forOid(new ASN1ObjectIdentifier(o)))
                .flatMap(Optional::stream)
                .<ReplyKeyKdf>map(k -> k)
                .findFirst()
                .orElse(OctetString2Key.INSTANCE);
    }
}
