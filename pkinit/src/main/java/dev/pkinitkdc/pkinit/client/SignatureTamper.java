package dev.pkinitkdc.pkinit.client;

import dev.pkinitkdc.pkinit.asn1.Der;
import dev.pkinitkdc.pkinit.cms.SignedDataEncoding;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;

/** Test faults on a SignedData (RFC 5652 5.3): a flipped signature bit, or no SignerInfo at all. */
public final class SignatureTamper {
    private SignatureTamper() {
    }

    /** Flips one bit of every SignerInfo signature and re-encodes the ContentInfo. */
    public static byte[] flipSignatureBit(byte[] contentInfo) {
        SignedData sd = SignedDataEncoding.signedData(contentInfo);
        ASN1EncodableVector signers = new ASN1EncodableVector();
        for (var e : sd.getSignerInfos()) {
            SignerInfo si = SignerInfo.getInstance(e);
            byte[] sig = si.getEncryptedDigest().getOctets();
            sig[sig.length / 2] ^= 0x01;
            signers.add(new SignerInfo(si.getSID(), si.getDigestAlgorithm(), si.getAuthenticatedAttributes(),
                    si.getDigestEncryptionAlgorithm(), new DEROctetString(sig), si.getUnauthenticatedAttributes()));
        }
        return withSigners(sd, new DERSet(signers));
    }

    /** RFC 8062 2: the same SignedData with no SignerInfo at all (certificates and content kept). */
    static byte[] withoutSigners(byte[] contentInfo) {
        return withSigners(SignedDataEncoding.signedData(contentInfo), new DERSet());
    }

    private static byte[] withSigners(SignedData sd, DERSet signers) {
        SignedData changed = new SignedData(sd.getDigestAlgorithms(), sd.getEncapContentInfo(), sd.getCertificates(),
                sd.getCRLs(), signers);
        return Der.encode(new ContentInfo(CMSObjectIdentifiers.signedData, changed));
    }
}
