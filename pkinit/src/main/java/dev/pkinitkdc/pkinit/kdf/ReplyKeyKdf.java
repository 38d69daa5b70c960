package dev.pkinitkdc.pkinit.kdf;

import java.util.Optional;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/** A way to turn the DH shared secret into the AS reply key: RFC 4556 octetstring2key or an RFC 8636 KDF. */
public interface ReplyKeyKdf {
    /** "octetstring2key", "id-pkinit-kdf-sha256", ... (the audit name). */
    String kdfName();

    /** The RFC 8636 KDF identifier, or empty for octetstring2key (which has none and is sent as no kdf). */
    Optional<ASN1ObjectIdentifier> oid();

    EncryptionKey deriveKey(KdfInput input);
}
