package dev.pkinitkdc.kdc.lab;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code pkinit-kdc lab} was asked for: the lab folder, realm, the KDC's address, and the port of the lab's
 * revocation server.
 *
 * @param revocationPort the HTTP port of OCSP and CRLs; 0: the one recorded in the lab, else the KDC port + 1
 */
public record LabOptions(Path dir, String realm, String host, int port, int revocationPort) {
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
        if (revocationPort < 0 || revocationPort > 65535) {
            throw new IllegalArgumentException("revocation port must be 1..65535: " + revocationPort);
        }
    }

    /** Options with the revocation port left to the lab (recorded, or the KDC port + 1). */
    public LabOptions(Path dir, String realm, String host, int port) {
        this(dir, realm, host, port, 0);
    }

    /** The revocation port to record when the lab has none: the one asked for, else next to the KDC's. */
    int newRevocationPort() {
        if (revocationPort != 0) {
            return revocationPort;
        }
        return port < 65535 ? port + 1 : port - 1;
    }

    public static LabOptions defaults() {
        return new LabOptions(DEFAULT_DIR, DEFAULT_REALM, DEFAULT_HOST, DEFAULT_PORT);
    }

    public LabOptions withDir(Path newDir) {
        return new LabOptions(newDir, realm, host, port, revocationPort);
    }

    public LabOptions withRealm(String newRealm) {
        return new LabOptions(dir, newRealm, host, port, revocationPort);
    }

    public LabOptions withHost(String newHost) {
        return new LabOptions(dir, realm, newHost, port, revocationPort);
    }

    public LabOptions withPort(int newPort) {
        return new LabOptions(dir, realm, host, newPort, revocationPort);
    }

    public LabOptions withRevocationPort(int newPort) {
        return new LabOptions(dir, realm, host, port, newPort);
    }
}
