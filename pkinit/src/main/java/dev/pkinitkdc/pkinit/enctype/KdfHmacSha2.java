package dev.pkinitkdc.pkinit.enctype;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 8009 3: KDF-HMAC-SHA2(key, label, [context,] k) = k-truncate(HMAC(key, 0x00000001 | label | 0x00 | context
 * | k)), the SP 800-108 counter-mode KDF with one iteration; k is the output length in bits as four big-endian
 * bytes. Every key this enctype family uses is at most one HMAC output long.
 */
final class KdfHmacSha2 {
    private final String hmac;
    /** One engine per thread: Mac.getInstance searches the providers each time. */
    private final ThreadLocal<Mac> macs;

    KdfHmacSha2(String hmac) {
        this.hmac = hmac;
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                return Mac.getInstance(hmac);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(hmac + " unavailable", e);
            }
        });
    }

    byte[] derive(byte[] key, byte[] label, byte[] context, int bits) {
        ByteBuffer input = ByteBuffer.allocate(4 + label.length + 1 + context.length + 4);
        input.putInt(1).put(label).put((byte) 0).put(context).putInt(bits);
        byte[] full = mac(key, input.array());
        try {
            return Arrays.copyOf(full, bits / 8);
        } finally {
            Arrays.fill(full, (byte) 0);
        }
    }

    /** RFC 8009 5: Kc, Ke and Ki take the label usage | 0x99, 0xAA or 0x55 (usage as four big-endian bytes). */
    byte[] usageKey(byte[] baseKey, int usage, int purpose, int bits) {
        byte[] label = ByteBuffer.allocate(5).putInt(usage).put((byte) purpose).array();
        return derive(baseKey, label, new byte[0], bits);
    }

    byte[] derive(byte[] key, String label, int bits) {
        return derive(key, label.getBytes(StandardCharsets.US_ASCII), new byte[0], bits);
    }

    byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = macs.get();
            mac.init(new SecretKeySpec(key, hmac));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hmac + " unavailable", e);
        }
    }
}
