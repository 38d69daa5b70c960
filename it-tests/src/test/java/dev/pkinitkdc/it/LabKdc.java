package dev.pkinitkdc.it;

import dev.pkinitkdc.conf.ConfigParser;
import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.kdc.assembly.KdcRuntime;
import dev.pkinitkdc.kdc.stage.issue.KrbtgtKeys;
import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import dev.pkinitkdc.kdc.tool.lab.LabOptions;
import dev.pkinitkdc.kdc.tool.lab.LabRevocationServer;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The real lab KDC, as {@code bin/pkinit-kdc lab} runs it, on a loopback port chosen at run time, with the lab's
 * revocation server (OCSP, CRLs) on another; a lab folder made earlier keeps its recorded revocation port.
 */
final class LabKdc implements AutoCloseable {
    static final String REALM = "LAB.EXAMPLE";
    static final String HOST = "127.0.0.1";

    final LabEnvironment lab;
    final KdcRuntime runtime;
    /** The kdc.conf the KDC runs with. */
    final Path conf;
    /** The lab's OCSP responder and CRL server; a test may close it to take revocation offline. */
    final LabRevocationServer revocation;

    private LabKdc(LabEnvironment lab, KdcRuntime runtime, Path conf, LabRevocationServer revocation) {
        this.lab = lab;
        this.runtime = runtime;
        this.conf = conf;
        this.revocation = revocation;
    }

    static LabKdc start(Path dir) throws Exception {
        return start(dir, "");
    }

    /**
     * @param extraLdif entries the embedded directory loads after the lab's own (accounts a test needs), or ""
     */
    static LabKdc start(Path dir, String extraLdif) throws Exception {
        return start(dir, extraLdif, UnaryOperator.identity());
    }

    /** @param confEdit a change to the lab's kdc.conf text before the KDC reads it (e.g. a policy option) */
    static LabKdc start(Path dir, String extraLdif, UnaryOperator<String> confEdit) throws Exception {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freeTcpAndUdpPort();
            boolean recorded = Files.exists(dir.resolve("ca/revocation-url"));
            LabEnvironment lab = LabEnvironment.prepare(new LabOptions(dir, REALM, HOST, port,
                    recorded ? 0 : freeTcpPort()));
            String text = confEdit.apply(Files.readString(lab.kdcConf()));
            if (!extraLdif.isEmpty()) {
                Path extra = dir.resolve("extra.ldif");
                Files.writeString(extra, extraLdif);
                text = text.replaceFirst("(?m)^ldif = (.*)$", "ldif = $1, " + extra.getFileName());
            }
            Path conf = dir.resolve("kdc-test.conf");
            Files.writeString(conf, text);
            LabRevocationServer revocation = lab.startRevocationServer();
            try {
                return new LabKdc(lab, KdcRuntime.start(ConfigParser.parse(conf)), conf, revocation);
            } catch (IOException e) {
                revocation.close();
                last = e;   // the port was taken between the probe and the bind: try another
            } catch (RuntimeException | InterruptedException e) {
                revocation.close();
                throw e;
            }
        }
        throw last;
    }

    /** A lab made (or reused) in {@code dir} for a KDC the test starts itself, on ports free now. */
    static LabEnvironment prepareLab(Path dir) throws IOException {
        return LabEnvironment.prepare(new LabOptions(dir, REALM, HOST, freeTcpAndUdpPort(), freeTcpPort()));
    }

    /** The TCP address a KDC the test started listens on. */
    static InetSocketAddress tcpAddress(KdcRuntime kdc) {
        return kdc.bound().stream().filter(l -> l.transport() == Transport.TCP).findFirst()
                .map(l -> new InetSocketAddress(l.host(), l.port())).orElseThrow();
    }

    KrbtgtKeys krbtgtKeys() throws IOException {
        return KrbtgtKeys.load(lab.layout().krbtgtKeytab(), REALM);
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return tcp.getLocalPort();
        }
    }

    static int freeTcpAndUdpPort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getByName(HOST))) {
                    return port;
                } catch (IOException taken) {
                    // UDP port in use: next
                }
            }
        }
        throw new IOException("no free port with both TCP and UDP on " + HOST);
    }

    @Override
    public void close() {
        runtime.close();
        revocation.close();
    }
}
