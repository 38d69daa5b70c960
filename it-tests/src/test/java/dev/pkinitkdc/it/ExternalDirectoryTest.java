package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.conf.ConfigParser;
import dev.pkinitkdc.kdc.assembly.KdcRuntime;
import dev.pkinitkdc.kdc.support.directory.EmbeddedDirectory;
import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import dev.pkinitkdc.kdc.tool.lab.LabRevocationServer;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --config} with {@code [directory] type = ldap}: the KDC talks to an LDAP server outside itself
 * (here a separate LDAP server the test starts and stops), is refused with KDC_ERR_SVC_UNAVAILABLE (29) while
 * it is down, and serves again when it comes back, without a restart.
 */
class ExternalDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void theKdcUsesAnExternalLdapServerAndSurvivesItsOutage() throws Exception {
        LabEnvironment lab = LabKdc.prepareLab(dir);
        EmbeddedDirectory ldap = EmbeddedDirectory.start(LabKdc.HOST, 0, lab.baseDn(),
                List.of(lab.layout().directoryLdif()));
        int ldapPort = ldap.port();
        Path conf = dir.resolve("kdc-ldap.conf");
        String text = Files.readString(lab.kdcConf());
        String external = "[directory]\ntype = ldap\nbase_dn = " + lab.baseDn() + "\nurl = " + ldap.uri()
                + "\ntimeout = 2s\npool_size = 2\n\n[krbtgt]";
        Files.writeString(conf, text.replaceAll("(?s)\\[directory\\].*?\\[krbtgt\\]", external));

        try (LabRevocationServer revocation = lab.startRevocationServer();
             KdcRuntime kdc = KdcRuntime.start(ConfigParser.parse(conf))) {
            assertInstanceOf(AsExchangeResult.Success.class, logon(lab));

            ldap.close();
            // Refused by the KDC, not left to the client's own timeout: an answer at all (OwnClient gives up after
            // 20 s, 10 times the directory timeout, and throws) that is KDC_ERR_SVC_UNAVAILABLE naming the directory.
            AsExchangeResult down = logon(lab);
            AsExchangeResult.Error error = assertInstanceOf(AsExchangeResult.Error.class, down, down::toString);
            assertEquals(29, error.errorCode(), error.eText());
            assertTrue(error.eText().contains("directory"), error.eText());

            ldap = EmbeddedDirectory.start(LabKdc.HOST, ldapPort, lab.baseDn(), List.of(lab.layout().directoryLdif()));
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> logon(lab) instanceof AsExchangeResult.Success);
        } finally {
            ldap.close();
        }
    }

    private static AsExchangeResult logon(LabEnvironment lab) throws Exception {
        return OwnClient.logon(lab, "alice", "alice", PkinitClientOptions.defaults(), false);
    }
}
