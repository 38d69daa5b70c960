package dev.pkinitkdc.pkinit.kx;

import dev.pkinitkdc.pkinit.enctype.Enctypes;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.base.CheckSum;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;

/**
 * RFC 4556 3.2.3.2 asChecksum: a keyed checksum of the AS-REQ DER, as the KDC received it, with the reply key and
 * key usage 6, of the required checksum mechanism of the reply key's enctype (RFC 3961 mandatory cksumtype, e.g.
 * hmac-sha1-96-aes256 for aes256-cts-hmac-sha1-96). MIT computes it the same way (checksum type 0) and verifies it
 * with the type the KDC names.
 */
public final class AsChecksum {
    /** RFC 4556 3.2.3.2 / RFC 4120 7.5.1: the key usage of asChecksum. */
    static final KeyUsage USAGE = KeyUsage.TGS_REQ_AUTH_CKSUM;

    private AsChecksum() {
    }

    public static CheckSum compute(EncryptionKey replyKey, byte[] asReqDer) {
        try {
            return Enctypes.checksum(replyKey, USAGE, asReqDer);
        } catch (KrbException e) {
            throw new IllegalArgumentException("no keyed checksum for " + replyKey, e);
        }
    }

    /** True when {@code checksum} is the asChecksum of {@code asReqDer} under {@code replyKey}. */
    public static boolean verify(CheckSum checksum, EncryptionKey replyKey, byte[] asReqDer) {
        try {
            return Enctypes.verifyChecksum(checksum, replyKey, USAGE, asReqDer);
        } catch (KrbException e) {
            return false;
        }
    }
}
