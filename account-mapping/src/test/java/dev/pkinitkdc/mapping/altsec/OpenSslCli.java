package dev.pkinitkdc.mapping.altsec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The OpenSSL command line as an independent implementation: {@code openssl} with arguments, bytes on stdin,
 * stdout returned; a non-zero exit or a run past 30 s fails the test (never skips it: CI installs OpenSSL).
 */
final class OpenSslCli {
    private OpenSslCli() {
    }

    static byte[] run(byte[] stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command + " did not finish in 30 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(command + " exited with " + p.exitValue());
        }
        return out.join();
    }

    /** The hex after the last {@code =} of {@code openssl dgst}/{@code -fingerprint} output, colons dropped. */
    static String digestHex(byte[] output) {
        String text = new String(output, java.nio.charset.StandardCharsets.US_ASCII).strip();
        String hex = text.substring(text.lastIndexOf('=') + 1).replace(":", "").strip();
        HexFormat.of().parseHex(hex); // it is hex, or this throws
        return hex.toUpperCase(java.util.Locale.ROOT);
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream buffer = new ByteArrayOutputStream()) {
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
