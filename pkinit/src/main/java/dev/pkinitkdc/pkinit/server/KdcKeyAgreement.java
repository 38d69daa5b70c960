package dev.pkinitkdc.pkinit.server;

/**
 * The KDC's half of a key agreement: what goes into KDCDHKeyInfo.subjectPublicKey and the shared secret Z.
 * {@link #toString()} never shows Z.
 *
 * @param subjectPublicKey the BIT STRING octets (RFC 4556 3.2.3.1: DER INTEGER y; RFC 5349 5: the ECPoint)
 * @param sharedSecret Z, of fixed length (p's length for DH, the field's for ECDH); the caller wipes it
 */
public record KdcKeyAgreement(byte[] subjectPublicKey, byte[] sharedSecret) {
    @Override
    public String toString() {
        return "KdcKeyAgreement[" + subjectPublicKey.length + " octets]";
    }
}
