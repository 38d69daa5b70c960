package dev.pkinitkdc.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import dev.pkinitkdc.kdc.tool.lab.LabOptions;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import dev.pkinitkdc.pkinit.testing.Processes;
import dev.pkinitkdc.revocation.testing.CountingHttpProxy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to {@code bin/pkinit-kdc run} while a request waits for its OCSP answer: the listeners close at once,
 * the request still gets its TGT, and the process exits 0 after logging "stopping" and "stopped".
 */
class GracefulShutdownTest {
    private static final Duration STARTUP = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aRequestInFlightIsAnsweredAfterSigtermAndTheProcessExits0() throws Exception {
        int port = LabKdc.freeTcpAndUdpPort();
        LabEnvironment lab = LabEnvironment.prepare(new LabOptions(dir.resolve("lab"), LabKdc.REALM, LabKdc.HOST,
                port, LabKdc.freeTcpPort()));
        try (AutoCloseable revocation = lab.startRevocationServer();
             CountingHttpProxy slowOcsp = new CountingHttpProxy(URI.create(lab.revocationUrls().ocsp()))) {
            Path conf = lab.dir().resolve("slow-ocsp.conf");
            Files.writeString(conf, Files.readString(lab.kdcConf()).replace("[revocation]\n",
                    "[revocation]\nocsp_responder = " + slowOcsp.url() + "\n"));
            Launcher.Running kdc = Launcher.start(dir.resolve("kdc.out"),
                    Map.of("PKINIT_KDC_KDC_SHUTDOWN_GRACE", "20s"), "run", "--config", conf.toString());
            try {
                kdc.awaitOutput("running; interrupt to stop.", STARTUP);
                slowOcsp.hold();
                CompletableFuture<AsExchangeResult> logon = CompletableFuture.supplyAsync(() -> {
                    try {
                        return OwnClient.logon(lab, "alice", "alice", PkinitClientOptions.defaults(), false);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                awaitOcspRequest(slowOcsp);

                kdc.process().destroy(); // SIGTERM
                kdc.awaitOutput("stopping: 1 requests in flight", Duration.ofSeconds(10));
                assertThrows(ConnectException.class, () -> connect(port), "the TCP listener is closed");
                slowOcsp.release();

                AsExchangeResult result = logon.get(20, TimeUnit.SECONDS);
                assertInstanceOf(AsExchangeResult.Success.class, result, result.toString());
                assertTrue(kdc.process().waitFor(15, TimeUnit.SECONDS), kdc.text());
                assertEquals(0, kdc.process().exitValue(), kdc.text());
                assertTrue(kdc.text().contains("stopped"), kdc.text());
            } finally {
                slowOcsp.release();
                Processes.stop(kdc.process(), Duration.ofSeconds(5));
            }
        }
    }

    private static void awaitOcspRequest(CountingHttpProxy proxy) {
        await("the KDC asks its OCSP question").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> proxy.requests() > 0);
    }

    private static void connect(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(LabKdc.HOST, port), 2000);
        }
    }
}
