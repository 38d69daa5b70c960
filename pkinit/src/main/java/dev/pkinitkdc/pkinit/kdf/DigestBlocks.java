package dev.pkinitkdc.pkinit.kdf;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The expansion both PKINIT KDFs share: digests of (counter, input) concatenated and truncated to the key
 * length (RFC 4556 3.2.3.1 with a one-byte counter from 0; RFC 8636 8 / SP 800-56A with a 32-bit counter from 1).
 */
final class DigestBlocks {
    /** Feeds one block's prefix (the counter and whatever precedes the input) into the digest. */
    @FunctionalInterface
    interface Prefix {
        void update(MessageDigest digest, int counter);
    }

    private DigestBlocks() {
    }

    static byte[] expand(String algorithm, int firstCounter, Prefix prefix, byte[] input, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            byte[] out = new byte[length];
            int filled = 0;
            for (int counter = firstCounter; filled < length; counter++) {
                prefix.update(digest, counter);
                byte[] block = digest.digest(input);
                int n = Math.min(block.length, length - filled);
                System.arraycopy(block, 0, out, filled, n);
                filled += n;
            }
            return out;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }
}
