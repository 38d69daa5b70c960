package dev.pkinitkdc.pkinit.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The OpenSSL command line as an independent implementation to check the project's crypto against.
 * scripts/install-test-deps.sh installs it, so a missing or failing {@code openssl} fails the test (no skip).
 */
public final class OpenSslCli {
    private static final long TIMEOUT_SECONDS = 60;

    private OpenSslCli() {
    }

    /** {@code openssl args...} with {@code stdin} as its input; its stdout, after checking it exited 0. */
    public static byte[] run(byte[] stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin);
            }
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + p.exitValue() + ": " + err);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** SHA-1 of {@code data} by {@code openssl dgst -sha1 -binary}. */
    public static byte[] sha1(byte[] data) {
        return run(data, "dgst", "-sha1", "-binary");
    }

    /**
     * RFC 4556 3.2.3.1 octetstring2key: SHA-1(0x00 | x) | SHA-1(0x01 | x) | ... truncated to {@code length}
     * octets, each SHA-1 by {@code openssl dgst}.
     */
    public static byte[] octetString2Key(byte[] x, int length) {
        byte[] k = new byte[length];
        for (int counter = 0, done = 0; done < length; counter++) {
            byte[] block = new byte[x.length + 1];
            block[0] = (byte) counter;
            System.arraycopy(x, 0, block, 1, x.length);
            byte[] digest = sha1(block);
            System.arraycopy(digest, 0, k, done, Math.min(digest.length, length - done));
            done += digest.length;
        }
        return k;
    }

    /**
     * NIST SP 800-56A single-step KDF (OpenSSL's SSKDF), which RFC 8636 section 5 specifies:
     * K(i) = H(counter_i || Z || OtherInfo), {@code length} octets.
     */
    public static byte[] sskdf(String digest, byte[] z, byte[] otherInfo, int length) {
        HexFormat hex = HexFormat.of();
        return run(new byte[0], "kdf", "-binary", "-keylen", Integer.toString(length), "-kdfopt", "digest:" + digest,
                "-kdfopt", "hexkey:" + hex.formatHex(z), "-kdfopt", "hexinfo:" + hex.formatHex(otherInfo), "SSKDF");
    }
}
