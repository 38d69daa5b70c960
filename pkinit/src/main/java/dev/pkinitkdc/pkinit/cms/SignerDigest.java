package dev.pkinitkdc.pkinit.cms;

import dev.pkinitkdc.pkinit.asn1.Der;
import dev.pkinitkdc.pkinit.asn1.TypedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cms.SignerInformation;

/**
 * The weakest digest a SignerInfo's signature rests on (RFC 5652 5.3): its digestAlgorithm, a digest named by its
 * signatureAlgorithm (sha1WithRSAEncryption, ecdsa-with-SHA1, ...), and for RSASSA-PSS the hash in its parameters
 * (SHA-1 when absent, RFC 4055 3.1). The paChecksum of RFC 4556 3.2.1 is not a signature digest and is not judged
 * here.
 *
 * @param name the digest's name, for the e-text
 * @param broken MD2, MD4 or MD5: refused always
 * @param sha1 SHA-1: refused unless allowed
 */
record SignerDigest(String name, boolean broken, boolean sha1) {
    private static final Map<ASN1ObjectIdentifier, String> BROKEN = Map.of(
            PKCSObjectIdentifiers.md2, "MD2", PKCSObjectIdentifiers.md4, "MD4", PKCSObjectIdentifiers.md5, "MD5",
            PKCSObjectIdentifiers.md2WithRSAEncryption, "MD2", PKCSObjectIdentifiers.md4WithRSAEncryption, "MD4",
            PKCSObjectIdentifiers.md5WithRSAEncryption, "MD5", OIWObjectIdentifiers.md5WithRSA, "MD5");
    private static final List<ASN1ObjectIdentifier> SHA1 = List.of(OIWObjectIdentifiers.idSHA1,
            PKCSObjectIdentifiers.sha1WithRSAEncryption, OIWObjectIdentifiers.sha1WithRSA,
            X9ObjectIdentifiers.ecdsa_with_SHA1, X9ObjectIdentifiers.id_dsa_with_sha1);
    private static final SignerDigest ACCEPTABLE = new SignerDigest("an accepted digest", false, false);
    /** TD-CMS-DIGEST-ALGORITHMS (RFC 8636 3). */
    static final int TD_CMS_DIGEST_ALGORITHMS = 111;

    static SignerDigest of(SignerInformation signer) {
        AlgorithmIdentifier signature = signer.toASN1Structure().getDigestEncryptionAlgorithm();
        List<ASN1ObjectIdentifier> used = new ArrayList<>(List.of(signer.getDigestAlgorithmID().getAlgorithm(),
                signature.getAlgorithm()));
        if (PKCSObjectIdentifiers.id_RSASSA_PSS.equals(signature.getAlgorithm())) {
            var parameters = signature.getParameters();
            used.add(parameters == null || DERNull.INSTANCE.equals(parameters) ? OIWObjectIdentifiers.idSHA1
                    : RSASSAPSSparams.getInstance(parameters).getHashAlgorithm().getAlgorithm());
        }
        SignerDigest weakest = ACCEPTABLE;
        for (ASN1ObjectIdentifier oid : used) {
            if (BROKEN.containsKey(oid)) {
                return new SignerDigest(BROKEN.get(oid), true, false);
            }
            if (SHA1.contains(oid)) {
                weakest = new SignerDigest("SHA-1", false, true);
            }
        }
        return weakest;
    }

    /** The TYPED-DATA telling the client which digests to sign with, strongest first. */
    static byte[] accepted(boolean allowSha1) {
        List<AlgorithmIdentifier> algorithms = new ArrayList<>(List.of(
                new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256),
                new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha384),
                new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha512)));
        if (allowSha1) {
            algorithms.add(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1));
        }
        return TypedData.of(TD_CMS_DIGEST_ALGORITHMS,
                Der.encode(new DERSequence(algorithms.toArray(new AlgorithmIdentifier[0]))));
    }
}
