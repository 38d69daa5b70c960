package dev.pkinitkdc.pkinit.client;

import dev.pkinitkdc.pkinit.asn1.Der;
import dev.pkinitkdc.pkinit.cms.CmsSigner;
import dev.pkinitkdc.pkinit.cms.SignedDataEncoding;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;

/**
 * Test faults on a SignedData (RFC 5652 5.1, 5.3): a flipped signature bit, no SignerInfo at all, a second
 * SignerInfo, the signer's certificate left out of {@code certificates}.
 */
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

    /**
     * The same SignedData with a second SignerInfo: {@code identity}'s valid signature over the same eContent and
     * eContentType, its certificate and digest algorithm added beside the first signer's.
     */
    public static UnaryOperator<byte[]> withSecondSigner(ClientIdentity identity) {
        return contentInfo -> {
            SignedData first = SignedDataEncoding.signedData(contentInfo);
            SignedData second = SignedDataEncoding.signedData(CmsSigner.sign(
                    first.getEncapContentInfo().getContentType(), SignedDataEncoding.eContent(contentInfo),
                    identity.privateKey(), identity.certificate(), List.of()));
            return encode(new SignedData(union(first.getDigestAlgorithms(), second.getDigestAlgorithms()),
                    first.getEncapContentInfo(), union(first.getCertificates(), second.getCertificates()),
                    first.getCRLs(), union(first.getSignerInfos(), second.getSignerInfos())));
        };
    }

    /**
     * The same SignedData without {@code certificate} in {@code certificates} (the rest kept): the SignerInfo's sid
     * then names no certificate carried in it. With no certificate left, the field is omitted.
     */
    public static UnaryOperator<byte[]> withoutCertificate(X509Certificate certificate) {
        byte[] left;
        try {
            left = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException(e);
        }
        return contentInfo -> {
            SignedData sd = SignedDataEncoding.signedData(contentInfo);
            ASN1EncodableVector kept = new ASN1EncodableVector();
            for (ASN1Encodable c : sd.getCertificates()) {
                if (!Arrays.equals(left, Der.encode(c))) {
                    kept.add(c);
                }
            }
            return encode(new SignedData(sd.getDigestAlgorithms(), sd.getEncapContentInfo(),
                    kept.size() == 0 ? null : new DERSet(kept), sd.getCRLs(), sd.getSignerInfos()));
        };
    }

    private static ASN1Set union(ASN1Set a, ASN1Set b) {
        ASN1EncodableVector all = new ASN1EncodableVector();
        for (ASN1Encodable e : a) {
            all.add(e);
        }
        for (ASN1Encodable e : b) {
            if (!Arrays.asList(a.toArray()).contains(e)) {
                all.add(e);
            }
        }
        return new DERSet(all);
    }

    private static byte[] withSigners(SignedData sd, DERSet signers) {
        return encode(new SignedData(sd.getDigestAlgorithms(), sd.getEncapContentInfo(), sd.getCertificates(),
                sd.getCRLs(), signers));
    }

    private static byte[] encode(SignedData signedData) {
        return Der.encode(new ContentInfo(CMSObjectIdentifiers.signedData, signedData));
    }
}
