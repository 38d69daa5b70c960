package dev.pkinitkdc.pkinit.kdf;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * RFC 4556 3.2.3.1: x = Z | clientDHNonce | serverDHNonce (nonces only when present);
 * K = SHA-1(0x00 | x) | SHA-1(0x01 | x) | ... truncated to the seed length; reply key = random-to-key(K).
 */
public final class OctetString2Key implements ReplyKeyKdf {
    public static final OctetString2Key INSTANCE = new OctetString2Key();

    private OctetString2Key() {
    }

    @Override
    public String kdfName() {
        return "octetstring2key";
    }

    @Override
    public Optional<ASN1ObjectIdentifier> oid() {
        return Optional.empty();
    }

    @Override
    public EncryptionKey deriveKey(KdfInput in) {
        ByteArrayOutputStream x = new ByteArrayOutputStream();
        x.writeBytes(in.sharedSecret());
        if (in.clientDhNonce() != null && in.serverDhNonce() != null) {
            x.writeBytes(in.clientDhNonce());
            x.writeBytes(in.serverDhNonce());
        }
        byte[] xBytes = x.toByteArray();
        byte[] seed = octetString2Key(xBytes, KeySeeds.seedLength(in.enctype()));
        try {
            return KeySeeds.randomToKey(in.enctype(), seed);
        } finally {
            Arrays.fill(xBytes, (byte) 0);
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** The RFC 4556 3.2.3.1 octetstring2key function itself, {@code length} output bytes. */
    public static byte[] octetString2Key(byte[] x, int length) {
        return DigestBlocks.expand("SHA-1", 0, (digest, counter) -> digest.update((byte) counter), x, length);
    }
}
