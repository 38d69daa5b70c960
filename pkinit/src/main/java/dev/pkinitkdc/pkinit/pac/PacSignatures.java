package dev.pkinitkdc.pkinit.pac;

import dev.pkinitkdc.pkinit.enctype.Enctypes;
import dev.pkinitkdc.pkinit.enctype.EncryptionProfile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;

/**
 * MS-PAC 2.8 PAC_SIGNATURE_DATA and its computation: each signature is the RFC 3961 keyed checksum of the key's
 * mandatory checksum type (hmac-sha1-96-aes256 for an AES256 key) with key usage 17 (KERB_NON_KERB_CKSUM_SALT).
 * <ul>
 * <li>ticket signature (2.8.3, type 16, KDC key): over the DER EncTicketPart whose PAC authorization data is a
 * single zero byte; computed first;</li>
 * <li>full PAC signature (2.8.5, type 19, KDC key): over the whole PAC with the server, KDC and full signatures
 * zeroed;</li>
 * <li>server signature (2.8.1, type 6, server key): over the whole PAC with the server and KDC signatures
 * zeroed (the ticket and full signatures in place);</li>
 * <li>KDC signature (2.8.2, type 7, KDC key): over the server signature's Signature bytes.</li>
 * </ul>
 * As MIT's krb5_kdc_sign_ticket does, a TGT of the local realm carries only the server and KDC signatures (both
 * with the krbtgt key); a service ticket carries all four.
 */
public final class PacSignatures {
    /** MS-PAC 2.8: KERB_NON_KERB_CKSUM_SALT. */
    public static final int KEY_USAGE = 17;

    private PacSignatures() {
    }

    /**
     * Signs a PAC made of {@code content} (no signature buffers).
     *
     * @param ticketSigned the DER EncTicketPart with a one-zero-byte PAC for a service ticket, or null for a TGT
     */
    public static byte[] sign(List<PacInfoBuffer> content, EncryptionKey serverKey, EncryptionKey kdcKey,
                              byte[] ticketSigned) throws KrbException {
        List<PacInfoBuffer> buffers = new ArrayList<>(content);
        buffers.add(placeholder(PacBufferType.SERVER_CHECKSUM, serverKey));
        buffers.add(placeholder(PacBufferType.PRIVSVR_CHECKSUM, kdcKey));
        if (ticketSigned != null) {
            buffers.add(signature(PacBufferType.TICKET_CHECKSUM, mic(kdcKey, KEY_USAGE,
                    ticketSigned)));
            buffers.add(placeholder(PacBufferType.FULL_CHECKSUM, kdcKey));
        }
        byte[] pac = new PacType(buffers).encode();
        try {
            List<PacType.Located> located = PacType.locate(pac);
            if (ticketSigned != null) {
                fill(pac, located, PacBufferType.FULL_CHECKSUM, mic(kdcKey, KEY_USAGE, pac));
            }
            fill(pac, located, PacBufferType.SERVER_CHECKSUM, mic(serverKey, KEY_USAGE, pac));
            byte[] server = signatureBytes(pac, find(located, PacBufferType.SERVER_CHECKSUM));
            fill(pac, located, PacBufferType.PRIVSVR_CHECKSUM, mic(kdcKey, KEY_USAGE, server));
        } catch (PacType.MalformedPac e) {
            throw new IllegalStateException("the PAC just encoded does not parse", e);
        }
        return pac;
    }

    /** Verifies the server signature (MS-PAC 2.8.1) of an encoded PAC with the key of the ticket's service. */
    public static boolean verifyServer(byte[] pac, EncryptionKey serverKey) throws PacType.MalformedPac,
            KrbException {
        List<PacType.Located> located = PacType.locate(pac);
        byte[] zeroed = pac.clone();
        zero(zeroed, find(located, PacBufferType.SERVER_CHECKSUM));
        zero(zeroed, find(located, PacBufferType.PRIVSVR_CHECKSUM));
        return matches(pac, find(located, PacBufferType.SERVER_CHECKSUM), serverKey, zeroed);
    }

    /** Verifies the KDC signature (MS-PAC 2.8.2) with the krbtgt key: over the server signature. */
    public static boolean verifyKdc(byte[] pac, EncryptionKey kdcKey) throws PacType.MalformedPac, KrbException {
        List<PacType.Located> located = PacType.locate(pac);
        byte[] server = signatureBytes(pac, find(located, PacBufferType.SERVER_CHECKSUM));
        return matches(pac, find(located, PacBufferType.PRIVSVR_CHECKSUM), kdcKey, server);
    }

    private static boolean matches(byte[] pac, PacType.Located signature, EncryptionKey key, byte[] data)
            throws KrbException {
        int type = ByteBuffer.wrap(pac, signature.offset(), 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        Mic expected = mic(key, KEY_USAGE, data);
        return type == expected.type() && MessageDigest.isEqual(expected.value(), signatureBytes(pac, signature));
    }

    /** RFC 3961 get_mic with the key's mandatory checksum type: the type number and the checksum. */
    private record Mic(int type, byte[] value) {
    }

    private static Mic mic(EncryptionKey key, int usage, byte[] data) throws KrbException {
        EncryptionProfile profile = Enctypes.of(key).profile();
        return new Mic(profile.checksumType(), profile.checksum(key.getKeyData(), usage, data));
    }

    private static PacInfoBuffer placeholder(int type, EncryptionKey key) throws KrbException {
        Mic shape = mic(key, KEY_USAGE, new byte[0]);
        return new PacInfoBuffer(type, new LittleEndianWriter().u32(shape.type())
                .bytes(new byte[shape.value().length]).toByteArray());
    }

    private static PacInfoBuffer signature(int type, Mic checksum) {
        return new PacInfoBuffer(type, new LittleEndianWriter().u32(checksum.type()).bytes(checksum.value())
                .toByteArray());
    }

    private static void fill(byte[] pac, List<PacType.Located> located, int type, Mic checksum) {
        PacType.Located at = find(located, type);
        byte[] value = checksum.value();
        System.arraycopy(value, 0, pac, at.offset() + 4, Math.min(value.length, at.size() - 4));
    }

    private static PacType.Located find(List<PacType.Located> located, int type) {
        for (PacType.Located l : located) {
            if (l.type() == type) {
                if (l.size() <= 4) {
                    break;
                }
                return l;
            }
        }
        throw new IllegalArgumentException("the PAC has no signature buffer of type " + type);
    }

    private static byte[] signatureBytes(byte[] pac, PacType.Located at) {
        return Arrays.copyOfRange(pac, at.offset() + 4, at.offset() + at.size());
    }

    private static void zero(byte[] pac, PacType.Located at) {
        Arrays.fill(pac, at.offset() + 4, at.offset() + at.size(), (byte) 0);
    }
}
