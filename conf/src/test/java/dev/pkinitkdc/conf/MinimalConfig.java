package dev.pkinitkdc.conf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The smallest valid kdc.conf (every required key, nothing else), written where a test needs it. */
final class MinimalConfig {
    static final String TEXT = """
            [kdc]
            realm = LAB.EXAMPLE
            listen = tcp:127.0.0.1:88

            [identity]
            certificate = kdc.pem
            key = kdc.key

            [trust]
            anchors = ca.pem

            [directory]
            type = embedded
            base_dn = DC=lab,DC=example

            [krbtgt]
            keytab = krbtgt.keytab
            """;

    private MinimalConfig() {
    }

    /** {@code text} written to {@code dir/name}. */
    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** {@link #TEXT} with {@code lines} added at the start of its {@code [kdc]} section. */
    static String withKdcLines(String lines) {
        return TEXT.replace("[kdc]\n", "[kdc]\n" + lines);
    }
}
