package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.support.identity.KdcCertificateCheck;
import dev.pkinitkdc.kdc.support.identity.ReloadingKdcIdentity;
import dev.pkinitkdc.kdc.tool.labpki.LabPki;
import dev.pkinitkdc.kdc.tool.labpki.PemFileWriter;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4: the KDC certificate replaced on disk, or on SIGHUP, is used without a restart, while a client loop
 * runs, and no request fails; the log names the new thumbprint.
 */
class KdcCertificateReloadTest {
    @TempDir
    Path dir;

    private static String replaceKdcCertificate(LabKdc kdc) throws Exception {
        CertifiedKey fresh = LabPki.load(kdc.lab.layout()).issueKdc(LabKdc.REALM, LabKdc.HOST);
        // certificate first, key second: for a moment the files disagree, and the KDC must keep the old pair
        PemFileWriter.writeCertifiedKey(kdc.lab.layout().kdc().certificate(), kdc.lab.layout().kdc().privateKey(), fresh);
        return KdcCertificateCheck.thumbprint(fresh.certificate());
    }

    @Test
    void aCertificateReplacedOnDiskIsUsedWithoutARestartOrAFailedRequest() throws Exception {
        try (LogCapture log = new LogCapture(ReloadingKdcIdentity.class);
             LabKdc kdc = LabKdc.start(dir.resolve("lab"), "", conf -> conf.replace("[identity]\n",
                     "[identity]\nreload_interval = 1s\n"))) {
            ClientLoop loop = ClientLoop.alice(kdc);
            try (loop) {
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> loop.requests.get() >= 5);
                String thumbprint = replaceKdcCertificate(kdc);
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> log.contains("-> " + thumbprint));
                int atSwap = loop.requests.get();
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> loop.requests.get() >= atSwap + 5);
            }
            assertEquals(List.of(), loop.failures, "requests that failed during the swap");
            assertTrue(loop.requests.get() >= 10, loop.requests.get() + " requests");
        }
    }

    @Test
    void sighupReloadsTheCertificate() throws Exception {
        try (LogCapture log = new LogCapture(ReloadingKdcIdentity.class);
             LabKdc kdc = LabKdc.start(dir.resolve("lab"), "", conf -> conf.replace("[identity]\n",
                     "[identity]\nreload_interval = 0\n"))) {
            String thumbprint = replaceKdcCertificate(kdc);
            ConfigEdits.sighup();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> log.contains("-> " + thumbprint));
            assertTrue(log.contains("reload requested"), log.lines().toString());
            AsExchangeResult r = OwnClient.logon(kdc.lab, "alice", "alice", PkinitClientOptions.defaults(), false);
            assertTrue(r instanceof AsExchangeResult.Success, r.toString());
        }
    }
}
