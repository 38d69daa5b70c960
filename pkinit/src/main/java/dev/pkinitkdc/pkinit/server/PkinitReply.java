package dev.pkinitkdc.pkinit.server;

import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;

/**
 * The KDC's half of a PKINIT exchange: the PA-PK-AS-REP padata value and the reply key it agrees
 * (RFC 4556 3.2.3). The reply key encrypts the AS-REP enc-part and must never be logged.
 *
 * @param kdf the KDF used, e.g. "id-pkinit-kdf-sha256" or "octetstring2key" (for the audit record)
 */
public record PkinitReply(byte[] paPkAsRep, EncryptionKey replyKey, String kdf) {
}
