package dev.pkinitkdc.pkinit.client;

/** Deliberate faults for negative tests (a DH group 2 request is {@code options.group(ModpGroup.MODP2)}). */
public enum Misbehaviour {
    /** Flip a bit of the SignerInfo signature (expect SIGNATURE_INVALID). */
    TAMPER_SIGNATURE,
    /** Leave paChecksum out of the PKAuthenticator (expect PA_CHECKSUM_MISSING). */
    OMIT_PA_CHECKSUM,
    /** Checksum a different body than the one sent (expect PA_CHECKSUM_MISMATCH). */
    WRONG_PA_CHECKSUM,
    /** Send p - y as the DH public value: in 1 < y < p-1 but outside the order-q subgroup (expect PREAUTH_FAILED). */
    DH_VALUE_OUTSIDE_SUBGROUP,
    /** Send an ECDH point that is not on its curve (expect PREAUTH_FAILED). */
    EC_POINT_OFF_CURVE,
    /** paChecksum2, when sent, digests a different body than the one sent (expect PA_CHECKSUM_MISMATCH). */
    WRONG_PA_CHECKSUM2,
    /** A SignedData without signerInfos, as anonymous PKINIT (RFC 8062) sends (expect PREAUTH_FAILED). */
    UNSIGNED
}
