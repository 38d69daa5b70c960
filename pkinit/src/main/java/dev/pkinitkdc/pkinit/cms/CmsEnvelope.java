package dev.pkinitkdc.pkinit.cms;

import dev.pkinitkdc.pkinit.asn1.Der;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;

/**
 * RFC 5652 6 EnvelopedData as RFC 4556 3.2.3.2 uses it for encKeyPack: one KeyTransRecipientInfo for the client
 * certificate's RSA key (rsaEncryption, PKCS #1 v1.5 key transport, as MIT and Heimdal decrypt it), AES-256-CBC
 * content encryption, wrapped in a ContentInfo.
 */
public final class CmsEnvelope {
    private CmsEnvelope() {
    }

    /** @param contentType the encryptedContentInfo contentType, e.g. id-signedData */
    public static byte[] envelop(ASN1ObjectIdentifier contentType, byte[] content, X509Certificate recipient) {
        try {
            CMSEnvelopedDataGenerator gen = new CMSEnvelopedDataGenerator();
            gen.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient)
                    .setProvider(BcProvider.INSTANCE));
            CMSEnvelopedData enveloped = gen.generate(new CMSProcessableByteArray(contentType, content),
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(BcProvider.INSTANCE)
                            .build());
            return Der.encode(enveloped.toASN1Structure());
        } catch (CMSException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("cannot encrypt to " + recipient.getSubjectX500Principal() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The content type and decrypted content of a ContentInfo(EnvelopedData) addressed to {@code key}. */
    public static Opened open(byte[] contentInfo, PrivateKey key) {
        try {
            ContentInfo info = ContentInfo.getInstance(Der.parse(contentInfo));
            CMSEnvelopedData enveloped = new CMSEnvelopedData(info);
            var recipients = enveloped.getRecipientInfos().getRecipients();
            if (recipients.size() != 1) {
                throw new IllegalArgumentException("EnvelopedData has " + recipients.size() + " recipients");
            }
            RecipientInformation r = recipients.iterator().next();
            byte[] content = r.getContent(new JceKeyTransEnvelopedRecipient(key).setProvider(BcProvider.INSTANCE));
            return new Opened(enveloped.getContentEncryptionAlgorithm().getAlgorithm(),
                    EnvelopedData.getInstance(info.getContent()).getEncryptedContentInfo().getContentType(), content);
        } catch (CMSException | RuntimeException e) {
            throw new IllegalArgumentException("EnvelopedData does not open: " + e.getMessage(), e);
        }
    }

    /** @param contentEncryption the content-encryption algorithm, e.g. aes256-CBC */
    public record Opened(ASN1ObjectIdentifier contentEncryption, ASN1ObjectIdentifier contentType, byte[] content) {
    }
}
