package dev.pkinitkdc.pkinit.server;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.asn1.PaChecksum2;
import dev.pkinitkdc.pkinit.asn1.PkAuthenticator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/**
 * The req-body binding of RFC 4556 3.2.1/3.2.2: paChecksum is SHA-1 over the KDC-REQ-BODY exactly as received.
 * A missing paChecksum is KDC_ERR_PA_CHECKSUM_MUST_BE_INCLUDED (79, RFC 4556 3.2.2 requires the field; Windows
 * Server 2025 answers 79 too); a wrong one is reported as a modified request (MIT answers KRB_AP_ERR_MODIFIED).
 * The wire code for each reason is chosen by kdc-server. [MS-PKCA] 2.2.3: paChecksum2, when present, is always
 * checked too.
 */
final class PaChecksums {
    private PaChecksums() {
    }

    static void check(PkAuthenticator auth, byte[] reqBodyDer) throws KdcFailure {
        byte[] paChecksum = auth.paChecksum();
        if (paChecksum == null) {
            throw new KdcFailure(FailureReason.PA_CHECKSUM_MISSING, "PKAuthenticator has no paChecksum");
        }
        if (!MessageDigest.isEqual(paChecksum, digest("SHA-1", reqBodyDer))) {
            throw new KdcFailure(FailureReason.PA_CHECKSUM_MISMATCH, "paChecksum does not match the request body");
        }
        PaChecksum2 c2 = auth.paChecksum2();
        if (c2 != null) {
            String name = new DefaultAlgorithmNameFinder().getAlgorithmName(c2.algorithm().getAlgorithm());
            if (!MessageDigest.isEqual(c2.checksum(), digest(name, reqBodyDer))) {
                throw new KdcFailure(FailureReason.PA_CHECKSUM_MISMATCH,
                        "paChecksum2 does not match the request body");
            }
        }
    }

    private static byte[] digest(String algorithm, byte[] data) throws KdcFailure {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new KdcFailure(FailureReason.DIGEST_NOT_ACCEPTED, "unsupported checksum digest " + algorithm);
        }
    }
}
