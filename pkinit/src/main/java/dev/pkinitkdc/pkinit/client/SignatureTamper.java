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

/** Test fault: flips one bit of every SignerInfo signature (RFC 5652 5.3) and re-encodes the ContentInfo. */
public final class SignatureTamper {
    private SignatureTamper() {
    }

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
        SignedData tampered = new SignedData(sd.getDigestAlgorithms(), sd.getEncapContentInfo(), sd.getCertificates(),
                sd.getCRLs(), new DERSet(signers));
        return Der.encode(new ContentInfo(CMSObjectIdentifiers.signedData, tampered));
    }
}
