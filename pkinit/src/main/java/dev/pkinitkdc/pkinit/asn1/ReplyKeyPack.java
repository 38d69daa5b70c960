package dev.pkinitkdc.pkinit.asn1;

import java.util.Map;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.base.CheckSum;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;

/**
 * RFC 4556 3.2.3.2 ReplyKeyPack { replyKey [0] EncryptionKey, asChecksum [1] Checksum }: the content the KDC signs
 * (eContentType id-pkinit-rkeyData) and encrypts to the client's certificate in RSA key transport. asChecksum is a
 * keyed checksum of the whole AS-REQ with replyKey (key usage 6), binding the reply to the request.
 * {@link #toString()} never shows the key.
 */
public record ReplyKeyPack(EncryptionKey replyKey, CheckSum asChecksum) {
    /** What the audit line and the client report as the KDF of an encKeyPack reply: none, the key travels encrypted. */
    public static final String KDF_NAME = "none (encKeyPack)";

    public static ReplyKeyPack decode(byte[] der) {
        Map<Integer, ASN1TaggedObject> f = Der.fields(Der.sequence(der));
        try {
            return new ReplyKeyPack(KrbCodec.decode(Der.encode(Der.required(f, 0)), EncryptionKey.class),
                    KrbCodec.decode(Der.encode(Der.required(f, 1)), CheckSum.class));
        } catch (KrbException | RuntimeException e) {
            throw new IllegalArgumentException("malformed ReplyKeyPack", e);
        }
    }

    public byte[] encode() {
        try {
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(Der.tagged(0, Der.parse(KrbCodec.encode(replyKey))));
            v.add(Der.tagged(1, Der.parse(KrbCodec.encode(asChecksum))));
            return Der.encode(new DERSequence(v));
        } catch (KrbException e) {
            throw new IllegalStateException("ReplyKeyPack does not encode", e);
        }
    }

    @Override
    public String toString() {
        return "ReplyKeyPack[" + replyKey.getKeyType() + ", " + asChecksum.getCksumtype() + "]";
    }
}
