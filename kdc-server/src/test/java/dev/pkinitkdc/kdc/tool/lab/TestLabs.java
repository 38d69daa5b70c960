package dev.pkinitkdc.kdc.tool.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/** Labs for tests that serve the lab's revocation URLs: the URL's port is free now, so the server can take it. */
public final class TestLabs {
    private TestLabs() {
    }

    /** A LAB.EXAMPLE lab in {@code dir}/lab on 127.0.0.1 (KDC port 8888, not bound), revocation on a free port. */
    public static LabEnvironment withFreeRevocationPort(Path dir) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        return LabEnvironment.prepare(new LabOptions(dir.resolve("lab"), "LAB.EXAMPLE", "127.0.0.1", 8888, port));
    }
}
