package dev.pkinitkdc.it;

import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import dev.pkinitkdc.pkinit.testing.Processes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * MIT krb5kdc serving the lab realm from its own database (kdb5_util, kadmin.local), with the lab's KDC
 * certificate and anchors, as scripts/bench-vs-mit.sh sets it up; its krbtgt keys are exported to a keytab, so one
 * of our KDCs can share them.
 */
final class MitKdc implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    final Path dir;
    final int port;
    /** krbtgt/REALM@REALM's keys, as MIT made them. */
    final Path krbtgtKeytab;
    private final Process process;

    private MitKdc(Path dir, int port, Path krbtgtKeytab, Process process) {
        this.dir = dir;
        this.port = port;
        this.krbtgtKeytab = krbtgtKeytab;
        this.process = process;
    }

    /**
     * @param principals client principals to create (+requires_preauth, random keys), e.g. "bob"
     * @param realmOptions more kdc.conf lines for the realm, e.g. "pkinit_require_freshness = true"
     */
    static MitKdc start(LabEnvironment lab, Path dir, List<String> principals, List<String> realmOptions)
            throws Exception {
        Files.createDirectories(dir);
        String realm = lab.realm();
        int port = LabKdc.freeTcpAndUdpPort();
        Files.writeString(dir.resolve("krb5.conf"), "[libdefaults]\n    default_realm = " + realm + "\n[realms]\n    "
                + realm + " = {\n        kdc = " + LabKdc.HOST + ":" + port + "\n    }\n");
        List<String> realmLines = new ArrayList<>(List.of(
                "database_name = " + dir.resolve("principal"),
                "key_stash_file = " + dir.resolve("stash"),
                "acl_file = " + dir.resolve("kadm5.acl"),
                "supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal",
                "pkinit_identity = FILE:" + lab.dir().resolve("kdc/kdc.pem") + "," + lab.dir().resolve("kdc/kdc.key"),
                "pkinit_anchors = FILE:" + lab.layout().rootCertificate(),
                "pkinit_pool = FILE:" + lab.dir().resolve("ca/issuing.pem"),
                "pkinit_eku_checking = kpClientAuth",
                "pkinit_require_crl_checking = false",
                "pkinit_dh_min_bits = 2048"));
        realmLines.addAll(realmOptions);
        Files.writeString(dir.resolve("kdc.conf"), "[kdcdefaults]\n    kdc_listen = " + LabKdc.HOST + ":" + port
                + "\n    kdc_tcp_listen = " + LabKdc.HOST + ":" + port + "\n[realms]\n    " + realm + " = {\n        "
                + String.join("\n        ", realmLines) + "\n    }\n[logging]\n    kdc = FILE:" + dir.resolve("kdc.log")
                + "\n");
        Files.writeString(dir.resolve("kadm5.acl"), "");
        byte[] master = new byte[24];
        new SecureRandom().nextBytes(master);
        run(dir, "kdb5_util", "create", "-s", "-r", realm, "-P", Base64.getEncoder().encodeToString(master));
        for (String principal : principals) {
            run(dir, "kadmin.local", "-r", realm, "-q", "addprinc -randkey +requires_preauth " + principal + "@" + realm);
        }
        Path keytab = dir.resolve("krbtgt.keytab");
        run(dir, "kadmin.local", "-r", realm, "-q", "ktadd -norandkey -k " + keytab + " krbtgt/" + realm + "@" + realm);
        Process kdc = builder(dir, "/usr/sbin/krb5kdc", "-n", "-r", realm, "-P", dir.resolve("krb5kdc.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("krb5kdc.out").toFile()).start();
        MitKdc mit = new MitKdc(dir, port, keytab, kdc);
        try {
            mit.awaitListening();
        } catch (IOException e) {
            mit.close();
            throw e;
        }
        return mit;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(LabKdc.HOST, port);
    }

    private void awaitListening() throws IOException, InterruptedException {
        for (int i = 0; i < 150 && process.isAlive(); i++) {
            try (Socket s = new Socket()) {
                s.connect(address(), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("MIT krb5kdc did not listen on " + port + ": " + Files.readString(dir.resolve("krb5kdc.out")));
    }

    private static ProcessBuilder builder(Path dir, String... command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("KRB5_CONFIG", dir.resolve("krb5.conf").toString());
        env.put("KRB5_KDC_PROFILE", dir.resolve("kdc.conf").toString());
        return pb;
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Path out = dir.resolve("setup.out");
        Process p = builder(dir, command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                out.toFile())).start();
        if (!p.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException(command[0] + " exited " + p.exitValue() + ": " + Files.readString(out));
        }
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(10));
    }
}
