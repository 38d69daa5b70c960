package dev.pkinitkdc.kdc.tool.lab;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code pkinit-kdc lab} was asked for: the lab folder, realm, the KDC's address, and the port of the lab's
 * revocation server and of the metrics endpoint.
 *
 * @param revocationPort the HTTP port of OCSP and CRLs; 0: the one recorded in the lab, else the KDC port + 1
 * @param metricsPort the HTTP port of the Prometheus endpoint on the KDC's host; 0: the KDC port + 2
 */
public record LabOptions(Path dir, String realm, String host, int port, int revocationPort, int metricsPort) {
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
        if (metricsPort < 0 || metricsPort > 65535) {
            throw new IllegalArgumentException("metrics port must be 1..65535: " + metricsPort);
        }
    }

    /** Options with the metrics port left to the lab (the KDC port + 2). */
    public LabOptions(Path dir, String realm, String host, int port, int revocationPort) {
        this(dir, realm, host, port, revocationPort, 0);
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

    /** The metrics endpoint's port: the one asked for, else two above the KDC's. */
    public int effectiveMetricsPort() {
        if (metricsPort != 0) {
            return metricsPort;
        }
        return port <= 65533 ? port + 2 : port - 2;
    }

    public static LabOptions defaults() {
        return new LabOptions(DEFAULT_DIR, DEFAULT_REALM, DEFAULT_HOST, DEFAULT_PORT);
    }

    public LabOptions withDir(Path newDir) {
        return new LabOptions(newDir, realm, host, port, revocationPort, metricsPort);
    }

    public LabOptions withRealm(String newRealm) {
        return new LabOptions(dir, newRealm, host, port, revocationPort, metricsPort);
    }

    public LabOptions withHost(String newHost) {
        return new LabOptions(dir, realm, newHost, port, revocationPort, metricsPort);
    }

    public LabOptions withPort(int newPort) {
        return new LabOptions(dir, realm, host, newPort, revocationPort);
    }

    public LabOptions withRevocationPort(int newPort) {
        return new LabOptions(dir, realm, host, port, newPort, metricsPort);
    }

    public LabOptions withMetricsPort(int newPort) {
        return new LabOptions(dir, realm, host, port, revocationPort, newPort);
    }
}
