package dev.pkinitkdc.pkinit.enctype;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.apache.kerby.kerberos.kerb.KrbErrorCode;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.base.CheckSum;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcReqBody;

/**
 * The one seam between Kerby's Kerberos types and the crypto of every {@link Enctype}: encrypt and decrypt
 * EncryptedData, make EncryptionKeys, and read their etype. Kerby keeps an etype as a raw ASN.1 INTEGER but its
 * getters map 19 and 20 to NONE, so never call {@code getKeyType()} or {@code getEType()} on them: use
 * {@link #of(EncryptionKey)} and {@link #of(EncryptedData)}.
 */
public final class Enctypes {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Enctypes() {
    }

    /** RFC 4120 5.2.9 EncryptedData { etype, kvno absent, cipher } of {@code plaintext} under {@code key}. */
    public static EncryptedData encrypt(byte[] plaintext, EncryptionKey key, KeyUsage usage) throws KrbException {
        Enctype enctype = of(key);
        byte[] cipher = enctype.profile().encrypt(key.getKeyData(), usage.getValue(), plaintext);
        return new RawEncryptedData(enctype.value(), cipher);
    }

    /** Decrypts and verifies {@code data}; its etype must be the key's. */
    public static byte[] decrypt(EncryptedData data, EncryptionKey key, KeyUsage usage) throws KrbException {
        Enctype enctype = of(key);
        int etype = RawEtypes.etype(data);
        if (etype != enctype.value()) {
            throw new KrbException(KrbErrorCode.KRB_AP_ERR_BAD_INTEGRITY,
                    "EncryptedData etype " + etype + " is not the key's " + enctype);
        }
        try {
            return enctype.profile().decrypt(key.getKeyData(), usage.getValue(), data.getCipher());
        } catch (IntegrityCheckFailed e) {
            throw new KrbException(KrbErrorCode.KRB_AP_ERR_BAD_INTEGRITY, e.getMessage());
        }
    }

    /** RFC 3961 get_mic: the keyed checksum of {@code data} with the required checksum type of the key's enctype. */
    public static CheckSum checksum(EncryptionKey key, KeyUsage usage, byte[] data) throws KrbException {
        return checksum(key, usage.getValue(), data);
    }

    /** As {@link #checksum(EncryptionKey, KeyUsage, byte[])}, for a key usage number Kerby has no constant for. */
    public static CheckSum checksum(EncryptionKey key, int usage, byte[] data) throws KrbException {
        EncryptionProfile profile = of(key).profile();
        return new RawCheckSum(profile.checksumType(), profile.checksum(key.getKeyData(), usage, data));
    }

    /** RFC 3961 verify_mic: {@code checksum} is of the key's checksum type and matches, compared in constant time. */
    public static boolean verifyChecksum(CheckSum checksum, EncryptionKey key, KeyUsage usage, byte[] data)
            throws KrbException {
        EncryptionProfile profile = of(key).profile();
        if (RawEtypes.checksumType(checksum) != profile.checksumType()) {
            return false;
        }
        byte[] expected = profile.checksum(key.getKeyData(), usage.getValue(), data);
        return java.security.MessageDigest.isEqual(expected, checksum.getChecksum());
    }

    /** A fresh random key (RFC 3961 random-to-key of random bytes, the identity for every {@link Enctype}). */
    public static EncryptionKey randomKey(Enctype enctype) {
        byte[] bytes = new byte[enctype.keySize()];
        RANDOM.nextBytes(bytes);
        try {
            return key(enctype, bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** An EncryptionKey of {@code enctype} holding a copy of {@code keyValue}. */
    public static EncryptionKey key(Enctype enctype, byte[] keyValue) {
        if (keyValue.length != enctype.keySize()) {
            throw new IllegalArgumentException(enctype + " keys are " + enctype.keySize() + " bytes, not "
                    + keyValue.length);
        }
        return new RawEncryptionKey(enctype.value(), keyValue.clone());
    }

    /** The enctype of a key, read from its encoding. */
    public static Enctype of(EncryptionKey key) throws KrbException {
        int etype = RawEtypes.keyType(key);
        return Enctype.fromValue(etype).orElseThrow(() ->
                new KrbException(KrbErrorCode.KDC_ERR_ETYPE_NOSUPP, "unsupported key type " + etype));
    }

    /** The enctype named by EncryptedData, read from its encoding. */
    public static Enctype of(EncryptedData data) throws KrbException {
        int etype = RawEtypes.etype(data);
        return Enctype.fromValue(etype).orElseThrow(() ->
                new KrbException(KrbErrorCode.KDC_ERR_ETYPE_NOSUPP, "unsupported etype " + etype));
    }

    /** A new KDC-REQ-BODY whose etype list (RFC 4120 5.4.1) is {@code etypes}, preferred first. */
    public static KdcReqBody newReqBody(List<Enctype> etypes) {
        return new RawEtypes.EtypesReqBody(etypes.stream().map(Enctype::value).toList());
    }

    /** The etype numbers of a KDC-REQ-BODY in the client's order, read from its DER (unknown numbers kept). */
    public static List<Integer> requested(byte[] reqBodyDer) {
        return RawEtypes.requested(reqBodyDer);
    }
}
