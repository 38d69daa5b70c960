package dev.pkinitkdc.pkinit.server;

import dev.pkinitkdc.pkinit.KdcIdentity;
import dev.pkinitkdc.pkinit.asn1.Der;
import dev.pkinitkdc.pkinit.asn1.PaPkAsRep;
import dev.pkinitkdc.pkinit.asn1.PkinitOids;
import dev.pkinitkdc.pkinit.asn1.ReplyKeyPack;
import dev.pkinitkdc.pkinit.cms.CmsEnvelope;
import dev.pkinitkdc.pkinit.cms.CmsSigner;
import dev.pkinitkdc.pkinit.cms.SignedDataEncoding;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import dev.pkinitkdc.pkinit.kx.AsChecksum;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;

/**
 * RFC 4556 3.2.3.2 public-key encryption reply: a random reply key of the chosen enctype and the asChecksum of the
 * AS-REQ, as ReplyKeyPack, signed by the KDC (eContentType id-pkinit-rkeyData), the SignedData then enveloped to
 * the client certificate (encryptedContentInfo contentType id-signedData, the SignedData itself as content, as MIT
 * and Heimdal read it) and sent as encKeyPack.
 */
final class EncKeyPackReply {
    private EncKeyPackReply() {
    }

    static PkinitReply create(PublicKeyEncryptionExchange exchange, KdcIdentity kdc, Enctype enctype,
                              byte[] asReqDer) {
        EncryptionKey replyKey = Enctypes.randomKey(enctype);
        ReplyKeyPack pack = new ReplyKeyPack(replyKey, AsChecksum.compute(replyKey, asReqDer));
        byte[] signed = CmsSigner.sign(PkinitOids.RKEY_DATA, pack.encode(), kdc.privateKey(), kdc.certificate(),
                kdc.chain());
        byte[] enveloped = CmsEnvelope.envelop(CMSObjectIdentifiers.signedData,
                Der.encode(SignedDataEncoding.signedData(signed)), exchange.recipient());
        return new PkinitReply(PaPkAsRep.encKeyPack(enveloped).encode(), replyKey, ReplyKeyPack.KDF_NAME);
    }
}
