package dev.pkinitkdc.kdc.tool.bench;

import dev.pkinitkdc.conf.ConfigParser;
import dev.pkinitkdc.conf.KdcConfig;
import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import dev.pkinitkdc.kdc.tool.lab.LabOptions;
import dev.pkinitkdc.kdc.tool.lab.LabRevocationServer;
import dev.pkinitkdc.kdc.tool.lab.LabUser;
import dev.pkinitkdc.pkinit.cert.PemFiles;
import dev.pkinitkdc.pkinit.client.ClientIdentity;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A lab folder (as {@code pkinit-kdc lab} makes it) in a temp dir with its OCSP/CRL server running, for the
 * benchmarks: the same PKI, accounts and kdc.conf the lab KDC uses. The KDC port is never bound.
 */
final class BenchLab implements AutoCloseable {
    static final String HOST = "127.0.0.1";

    final LabEnvironment lab;
    final KdcConfig config;
    private final LabRevocationServer revocation;

    private BenchLab(LabEnvironment lab, KdcConfig config, LabRevocationServer revocation) {
        this.lab = lab;
        this.config = config;
        this.revocation = revocation;
    }

    /** @param cryptoProvider {@code [kdc] crypto_provider}: auto or jdk */
    static BenchLab start(String cryptoProvider) throws Exception {
        Path dir = Files.createTempDirectory("pkinit-bench");
        LabEnvironment lab = LabEnvironment.prepare(new LabOptions(dir, "LAB.EXAMPLE", HOST, freePort(), freePort()));
        Path conf = dir.resolve("kdc-bench.conf");
        Files.writeString(conf, Files.readString(lab.kdcConf()).replaceFirst("(?m)^realm = (.*)$",
                "realm = $1\ncrypto_provider = " + cryptoProvider));
        LabRevocationServer revocation = lab.startRevocationServer();
        return new BenchLab(lab, ConfigParser.parse(conf), revocation);
    }

    /** Our PKINIT client for lab user {@code user}, trusting the lab root for the KDC. */
    PkinitClient client(String user, PkinitClientOptions options) throws IOException {
        LabUser u = lab.user(user);
        ClientIdentity id = new ClientIdentity(PemFiles.privateKey(u.privateKey()),
                PemFiles.certificate(u.certificate()), List.of());
        return new PkinitClient(id, PemFiles.certificates(lab.layout().rootCertificate()), options,
                Clock.systemUTC(), new SecureRandom());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        revocation.close();
        try (Stream<Path> files = Files.walk(lab.dir())) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
