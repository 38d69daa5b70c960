package dev.pkinitkdc.kdc.lab;

import java.nio.file.Path;
import java.util.Objects;

/** What {@code pkinit-kdc lab} was asked for: the lab folder, realm, and the KDC's address. */
public record LabOptions(Path dir, String realm, String host, int port) {
    public static final Path DEFAULT_DIR = Path.of("lab");
    public static final String DEFAULT_REALM = "LAB.EXAMPLE";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8888;

    public LabOptions {
        Objects.requireNonNull(dir, "dir");
        if (realm == null || !realm.matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*")) {
            throw new IllegalArgumentException("realm must be dot-separated labels, e.g. LAB.EXAMPLE: " + realm);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535: " + port);
        }
    }

    public static LabOptions defaults() {
        return new LabOptions(DEFAULT_DIR, DEFAULT_REALM, DEFAULT_HOST, DEFAULT_PORT);
    }

    public LabOptions withDir(Path newDir) {
        return new LabOptions(newDir, realm, host, port);
    }

    public LabOptions withRealm(String newRealm) {
        return new LabOptions(dir, newRealm, host, port);
    }

    public LabOptions withHost(String newHost) {
        return new LabOptions(dir, realm, newHost, port);
    }

    public LabOptions withPort(int newPort) {
        return new LabOptions(dir, realm, host, newPort);
    }
}
