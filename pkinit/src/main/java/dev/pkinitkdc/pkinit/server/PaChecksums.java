package dev.pkinitkdc.pkinit.server;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.asn1.PaChecksum2;
import dev.pkinitkdc.pkinit.asn1.PkAuthenticator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;

/**
 * The req-body binding of RFC 4556 3.2.1/3.2.2: paChecksum is SHA-1 over the KDC-REQ-BODY exactly as received.
 * A missing paChecksum is KDC_ERR_PA_CHECKSUM_MUST_BE_INCLUDED (79, RFC 4556 3.2.2 requires the field; Windows
 * Server 2025 answers 79 too); a wrong one is reported as a modified request (MIT answers KRB_AP_ERR_MODIFIED).
 * The wire code for each reason is chosen by kdc-server.
 *
 * <p>[MS-PKCA] 2.2.3: paChecksum2, when present, is always checked too, "even if it is SHA-1", with the digest its
 * algorithmIdentifier names (SHA-1, SHA-256, SHA-384, SHA-512; another algorithm cannot be checked and is refused
 * like a wrong checksum). With {@code requirePaChecksum2} a PKAuthenticator without it is refused like one without
 * paChecksum.
 */
final class PaChecksums {
    /** [MS-PKCA] 2.2.3 KERB-ALGORITHM-IDENTIFIER values this KDC can check, by OID. */
    private static final Map<ASN1ObjectIdentifier, String> CHECKSUM2_DIGESTS = Map.of(
            OIWObjectIdentifiers.idSHA1, "SHA-1",
            NISTObjectIdentifiers.id_sha256, "SHA-256",
            NISTObjectIdentifiers.id_sha384, "SHA-384",
            NISTObjectIdentifiers.id_sha512, "SHA-512");

    private PaChecksums() {
    }

    static void check(PkAuthenticator auth, byte[] reqBodyDer, boolean requirePaChecksum2) throws KdcFailure {
        byte[] paChecksum = auth.paChecksum();
        if (paChecksum == null) {
            throw new KdcFailure(FailureReason.PA_CHECKSUM_MISSING, "PKAuthenticator has no paChecksum");
        }
        if (!MessageDigest.isEqual(paChecksum, digest("SHA-1", reqBodyDer))) {
            throw new KdcFailure(FailureReason.PA_CHECKSUM_MISMATCH, "paChecksum does not match the request body");
        }
        PaChecksum2 c2 = auth.paChecksum2();
        if (c2 == null) {
            if (requirePaChecksum2) {
                throw new KdcFailure(FailureReason.PA_CHECKSUM_MISSING,
                        "PKAuthenticator has no paChecksum2, which this KDC requires (MS-PKCA 2.2.3)");
            }
            return;
        }
        ASN1ObjectIdentifier oid = c2.algorithm().getAlgorithm();
        String name = CHECKSUM2_DIGESTS.get(oid);
        if (name == null) {
            throw new KdcFailure(FailureReason.PA_CHECKSUM_MISMATCH,
                    "paChecksum2 algorithm " + oid + " is not supported (SHA-1, SHA-256, SHA-384, SHA-512 are)");
        }
        if (!MessageDigest.isEqual(c2.checksum(), digest(name, reqBodyDer))) {
            throw new KdcFailure(FailureReason.PA_CHECKSUM_MISMATCH,
                    "paChecksum2 (" + name + ") does not match the request body");
        }
    }

    static byte[] digest(String algorithm, byte[] data) throws KdcFailure {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new KdcFailure(FailureReason.DIGEST_NOT_ACCEPTED, "unsupported checksum digest " + algorithm);
        }
    }
}
