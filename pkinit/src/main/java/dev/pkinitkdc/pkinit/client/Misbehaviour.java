package dev.pkinitkdc.pkinit.client;

/** Deliberate faults for negative tests (a DH group 2 request is {@code options.group(ModpGroup.MODP2)}). */
public enum Misbehaviour {
    /** Flip a bit of the SignerInfo signature (expect SIGNATURE_INVALID). */
    TAMPER_SIGNATURE,
    /** Leave paChecksum out of the PKAuthenticator (expect PA_CHECKSUM_MISSING). */
    OMIT_PA_CHECKSUM,
    /** Checksum a different body than the one sent (expect PA_CHECKSUM_MISMATCH). */
    WRONG_PA_CHECKSUM,
    /** PKAuthenticator nonce differs from the KDC-REQ-BODY nonce (expect NONCE_MISMATCH). */
    WRONG_NONCE,
    /** paChecksum2, when sent, digests a different body than the one sent (expect PA_CHECKSUM_MISMATCH). */
    WRONG_PA_CHECKSUM2,
    /** A SignedData without signerInfos, as anonymous PKINIT (RFC 8062) sends (expect PREAUTH_FAILED). */
    UNSIGNED
}
