package dev.pkinitkdc.pkinit.cms;

import dev.pkinitkdc.pkinit.asn1.Der;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;

/**
 * RFC 5652 5.1 SignedData as PKINIT carries it: wrapped in a ContentInfo (RFC 4556 3.2.1), or bare (PKU2U, as
 * Windows sends it). Reading the eContent does not verify anything.
 */
public final class SignedDataEncoding {
    private SignedDataEncoding() {
    }

    /** The ContentInfo { id-signedData, SignedData } for either form. */
    public static ContentInfo contentInfo(byte[] der) {
        ASN1Sequence seq = Der.sequence(der);
        try {
            if (seq.size() > 0 && seq.getObjectAt(0) instanceof ASN1ObjectIdentifier type) {
                if (!CMSObjectIdentifiers.signedData.equals(type)) {
                    throw new IllegalArgumentException("ContentInfo is not signedData: " + type);
                }
                return ContentInfo.getInstance(seq);
            }
            // bare SignedData: SEQUENCE { version INTEGER, ... }
            return new ContentInfo(CMSObjectIdentifiers.signedData, SignedData.getInstance(seq));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed SignedData: " + e.getMessage(), e);
        }
    }

    public static SignedData signedData(byte[] der) {
        try {
            return SignedData.getInstance(contentInfo(der).getContent());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed SignedData: " + e.getMessage(), e);
        }
    }

    public static ASN1ObjectIdentifier eContentType(byte[] der) {
        return signedData(der).getEncapContentInfo().getContentType();
    }

    /** The encapsulated content octets, unverified. */
    public static byte[] eContent(byte[] der) {
        ASN1Encodable content = signedData(der).getEncapContentInfo().getContent();
        if (content == null) {
            throw new IllegalArgumentException("SignedData without eContent");
        }
        return ASN1OctetString.getInstance(content).getOctets();
    }
}
